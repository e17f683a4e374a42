package io.strait.listener;

import io.strait.common.error.StraitException;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable FIFO of captured events in a local folder: {@value #EVENTS_FILE} holds one JSON line per event (a
 * {@link StampedEvent}: the event with its listener instance and sequence number; a line of an older listener, a bare
 * {@link CapturedEvent}, is read as unstamped), appended and forced to disk before {@link #append} returns (or,
 * as a journal, appended with {@link #journal} and forced by a periodic {@link #sync});
 * {@value #POSITION_FILE} holds the byte offset of the
 * first event not yet replayed. Removing the head advances the offset; once empty the file is truncated.
 *
 * <p>Delivery is at least once: a crash between replaying an event and saving the new offset replays that event
 * again. A line torn by a crash during an append (no final newline) is skipped on open, with a warning.
 * {@value #ID_FILE} names the folder's spool (a random id written when the folder is first used): a listener that
 * finds another id than its predecessor recorded knows the predecessor's spool was destroyed. Not
 * thread-safe: the caller serialises access, except that one thread may {@link #sync} alongside the others. One
 * spool folder belongs to one metastore process.
 */
final class EventSpool implements AutoCloseable {
    static final String EVENTS_FILE = "events.jsonl";
    static final String POSITION_FILE = "events.position";
    static final String LOCK_FILE = "spool.lock";
    static final String ID_FILE = "spool.id";
    private static final Logger LOG = LoggerFactory.getLogger(EventSpool.class);

    private final Path directory;
    private final StraitJson json;
    private final FileChannel events;
    private final FileChannel lockChannel;
    private final Deque<Entry> pending = new ArrayDeque<>();
    private final String spoolId;
    private long position;
    /** The end offset of the last line removed lazily (its event reached the store); 0 after a cut. */
    private long storedThrough;

    /** A spooled event and the offset just after its line. */
    private record Entry(StampedEvent event, long endOffset) {
    }

    private EventSpool(Path directory, String spoolId, StraitJson json, FileChannel events,
            FileChannel lockChannel) {
        this.directory = directory;
        this.spoolId = spoolId;
        this.json = json;
        this.events = events;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens (or creates) the spool in {@code directory}, locks it for this process and loads the events not yet
     * replayed. Fails when another spool holds the folder.
     */
    static EventSpool open(Path directory, StraitJson json) {
        try {
            Files.createDirectories(directory);
            FileChannel lockChannel = lock(directory);
            FileChannel channel = FileChannel.open(directory.resolve(EVENTS_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            EventSpool spool = new EventSpool(directory, spoolId(directory), json, channel, lockChannel);
            spool.load();
            return spool;
        } catch (IOException e) {
            throw StraitException.external("Cannot open the event spool in " + directory + ": " + e.getMessage()
                    + "; set strait.listener.spool-directory to a writable local folder", e);
        }
    }

    private static FileChannel lock(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException heldHere) {
            // another spool of this process holds it
        }
        channel.close();
        throw StraitException.external("Cannot open the event spool in " + directory + ": another metastore"
                + " process (or listener) uses it; give each metastore its own strait.listener.spool-directory",
                null);
    }

    /** The folder's spool id, written when the folder was first used. */
    private static String spoolId(Path directory) throws IOException {
        Path file = directory.resolve(ID_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path temporary = directory.resolve(ID_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(id.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    Path directory() {
        return directory;
    }

    String spoolId() {
        return spoolId;
    }

    /** The smallest sequence number of {@code instanceId} in the spool, 0 when it has none there. */
    long firstSequenceOf(String instanceId) {
        for (Entry entry : pending) {
            if (instanceId.equals(entry.event().instanceId())) {
                return entry.event().sequence();
            }
        }
        return 0;
    }

    /** The objects ({@code db.table}, or {@code db}) of the spooled events, in spool order, at most {@code max}. */
    List<String> objects(int max) {
        Set<String> objects = new LinkedHashSet<>();
        for (Entry entry : pending) {
            if (objects.size() >= max) {
                break;
            }
            CapturedEvent event = entry.event().event();
            objects.add(event.table().isEmpty() ? event.database() : event.database() + "." + event.table());
        }
        return List.copyOf(objects);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    Optional<StampedEvent> peek() {
        return Optional.ofNullable(pending.peekFirst()).map(Entry::event);
    }

    /** Up to {@code max} events from the head, in order (nothing is removed). */
    List<StampedEvent> peek(int max) {
        List<StampedEvent> head = new ArrayList<>(Math.min(max, pending.size()));
        for (Entry entry : pending) {
            if (head.size() >= max) {
                break;
            }
            head.add(entry.event());
        }
        return head;
    }

    /** Appends the event as one line and forces it to disk. */
    void append(StampedEvent stamped) {
        appendAll(List.of(stamped));
    }

    /**
     * Appends the events in order, one line each, and forces them to disk once: when this returns, every one of them
     * is durable; when it throws, none is counted as spooled (lines written before the failure are cut on the next
     * open only if torn; whole ones are replayed then, which is at least once).
     */
    void appendAll(List<StampedEvent> stamped) {
        write(stamped, true);
    }

    /**
     * Appends the events in order, one line each, without forcing them to disk (a journal entry): they survive the
     * process being killed (the page cache belongs to the OS), and an OS crash only once {@link #sync} forced them.
     */
    void journal(List<StampedEvent> stamped) {
        write(stamped, false);
    }

    private void write(List<StampedEvent> stamped, boolean force) {
        if (stamped.isEmpty()) {
            return;
        }
        List<Entry> added = new ArrayList<>(stamped.size());
        // an interrupt pending on the calling (metastore) thread would close the channel for every later append
        boolean interrupted = Thread.interrupted();
        try {
            long end = events.size();
            for (StampedEvent event : stamped) {
                ByteBuffer buffer = ByteBuffer.wrap((json.write(event) + "\n").getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    end += events.write(buffer, end);
                }
                added.add(new Entry(event, end));
            }
            if (force) {
                events.force(true);
            }
            pending.addAll(added);
        } catch (IOException e) {
            CapturedEvent first = stamped.get(0).event();
            throw new UncheckedIOException("Cannot append " + stamped.size() + " event(s) (the first a "
                    + first.type() + " event of " + first.database() + "." + first.table() + ") to the spool in "
                    + directory, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Removes {@code count} events from the head (they reached the store) in memory only: the progress reaches the
     * disk with the next {@link #checkpoint} and {@link #sync}. Until then a restart replays them again (at least
     * once; the store keeps one row per instance and sequence number).
     */
    void removeFirstLazily(int count) {
        for (int i = 0; i < count; i++) {
            storedThrough = pending.removeFirst().endOffset();
        }
    }

    /**
     * The byte offset up to which every line reached the store, for {@link #sync}; the caller serialises it with the
     * appends. When nothing is left, the file is cut to empty first (so the journal does not grow without bound).
     */
    long checkpoint() {
        if (pending.isEmpty()) {
            try {
                if (events.size() > 0) {
                    events.truncate(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot truncate the journal " + EVENTS_FILE + " in " + directory, e);
            }
            storedThrough = 0;
        }
        return storedThrough;
    }

    /**
     * Forces the journal to disk and then records {@code checkpoint} (from {@link #checkpoint}) as the replay
     * position. Safe to run alongside appends: only one thread syncs at a time.
     */
    void sync(long checkpoint) {
        try {
            events.force(false);
            if (checkpoint != position) {
                savePosition(checkpoint);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot force the journal " + EVENTS_FILE + " in " + directory
                    + " to disk or record its replay position", e);
        }
    }

    /** Closes the files as a killed process leaves them: nothing more is forced or recorded (tests). */
    void abandon() {
        close();
    }

    /** Removes the head (after it was replayed); truncates the file once nothing is left. */
    void removeFirst() {
        removeFirst(1);
    }

    /** Removes {@code count} events from the head (after they were replayed), recording progress once. */
    void removeFirst(int count) {
        Entry last = null;
        for (int i = 0; i < count; i++) {
            last = pending.removeFirst();
        }
        if (last == null) {
            return;
        }
        try {
            if (pending.isEmpty()) {
                events.truncate(0);
                events.force(true);
                savePosition(0);
            } else {
                savePosition(last.endOffset());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record replay progress in the spool in " + directory, e);
        }
    }

    @Override
    public void close() {
        try {
            events.close();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("spool {}: cannot close {}: {}", directory, EVENTS_FILE, e.getMessage());
        }
    }

    private void load() throws IOException {
        position = readPosition();
        long size = events.size();
        if (position > size) {
            position = 0;
        }
        storedThrough = position;
        byte[] bytes = new byte[(int) (size - position)];
        events.read(ByteBuffer.wrap(bytes), position);
        int parsed = parseLines(bytes);
        if (parsed < bytes.length) {
            LOG.warn("spool {}: cutting a torn last line of {} bytes (written during a crash)", directory,
                    bytes.length - parsed);
            events.truncate(position + parsed);
            events.force(true);
        }
        if (!pending.isEmpty()) {
            LOG.info("spool {}: {} events wait for replay", directory, pending.size());
        }
    }

    /** Loads every complete line; returns the length of the complete lines. */
    private int parseLines(byte[] bytes) {
        int start = 0;
        for (int index = 0; index < bytes.length; index++) {
            if (bytes[index] == '\n') {
                addLine(new String(bytes, start, index - start, StandardCharsets.UTF_8), position + index + 1);
                start = index + 1;
            }
        }
        return start;
    }

    private void addLine(String line, long endOffset) {
        try {
            pending.addLast(new Entry(isStamped(line) ? json.read(line, StampedEvent.class)
                    : StampedEvent.unstamped(json.read(line, CapturedEvent.class)), endOffset));
        } catch (RuntimeException e) {
            LOG.error("spool {}: skipping an unreadable line ({}): {}", directory, e.getMessage(), line);
        }
    }

    /** A line of this version starts with the stamp; an older listener's line is a bare captured event. */
    private static boolean isStamped(String line) {
        return line.startsWith("{\"instanceId\"") || line.startsWith("{\"sequence\"");
    }

    private long readPosition() throws IOException {
        Path file = directory.resolve(POSITION_FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.warn("spool {}: unreadable position '{}': replaying from the start", directory, text);
            return 0;
        }
    }

    private void savePosition(long offset) throws IOException {
        Path file = directory.resolve(POSITION_FILE);
        Path temporary = directory.resolve(POSITION_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Long.toString(offset).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        position = offset;
    }
}
