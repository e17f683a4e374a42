package io.strait.common.region;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory twin of {@link RegionFileSystem}, for tests of the deciders and engines. Directories exist
 * implicitly (a directory exists when a file lies below it or it was made with {@link #mkdirs}). A file becomes
 * visible when its output stream is closed.
 *
 * <p>Every stored version of a file gets a new generation number, reported by {@link #status} as its version
 * ({@code generation:<n>}), like an object store's version id. {@link #overwriteInPlace} changes a file's bytes
 * under streams that are open on it, as a writer overwriting a local or NFS file in place does.
 */
public final class InMemoryRegionFileSystem implements RegionFileSystem {
    private record StoredFile(byte[] bytes, long modificationTimeMillis, long generation) {
    }

    private final RegionId region;
    private final Clock clock;
    private final Map<String, StoredFile> files = new ConcurrentSkipListMap<>();
    private final Map<String, Boolean> directories = new ConcurrentSkipListMap<>();
    private final AtomicLong generations = new AtomicLong();

    public InMemoryRegionFileSystem(RegionId region, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryRegionFileSystem(RegionId region) {
        this(region, Clock.systemUTC());
    }

    @Override
    public RegionId region() {
        return region;
    }

    @Override
    public List<FileEntry> listFiles(String directoryUri) {
        String prefix = withTrailingSlash(directoryUri);
        List<FileEntry> entries = new ArrayList<>();
        for (Map.Entry<String, StoredFile> file : files.entrySet()) {
            if (file.getKey().startsWith(prefix) && !isChecksumSideFile(file.getKey())) {
                entries.add(new FileEntry(file.getKey().substring(prefix.length()), file.getValue().bytes().length,
                        file.getValue().modificationTimeMillis()));
            }
        }
        return entries;
    }

    @Override
    public boolean exists(String uri) {
        String normalized = stripTrailingSlash(uri);
        if (files.containsKey(normalized) || directories.containsKey(normalized)) {
            return true;
        }
        String prefix = normalized + "/";
        return files.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    @Override
    public long length(String uri) throws IOException {
        return stored(uri).bytes().length;
    }

    @Override
    public FileIdentity status(String uri) throws IOException {
        StoredFile file = stored(uri);
        return new FileIdentity(file.bytes().length, file.modificationTimeMillis(), "generation:" + file.generation());
    }

    @Override
    public InputStream open(String uri) throws IOException {
        return new ByteArrayInputStream(stored(uri).bytes());
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        String normalized = stripTrailingSlash(uri);
        if (files.containsKey(normalized)) {
            throw new FileAlreadyExistsException(normalized);
        }
        return new ByteArrayOutputStream() {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (files.putIfAbsent(normalized, new StoredFile(toByteArray(), clock.millis(),
                        generations.incrementAndGet())) != null) {
                    throw new FileAlreadyExistsException(normalized);
                }
            }
        };
    }

    @Override
    public void mkdirs(String directoryUri) {
        directories.put(stripTrailingSlash(directoryUri), Boolean.TRUE);
    }

    @Override
    public boolean delete(String uri) {
        String normalized = stripTrailingSlash(uri);
        boolean removed = files.remove(normalized) != null;
        removed |= directories.remove(normalized) != null;
        String prefix = normalized + "/";
        removed |= files.keySet().removeIf(key -> key.startsWith(prefix));
        removed |= directories.keySet().removeIf(key -> key.startsWith(prefix));
        return removed;
    }

    @Override
    public void rename(String sourceUri, String targetUri) throws IOException {
        String source = stripTrailingSlash(sourceUri);
        String target = stripTrailingSlash(targetUri);
        synchronized (files) {
            if (!exists(source)) {
                throw new FileNotFoundException(sourceUri + " (region " + region + ")");
            }
            if (exists(target)) {
                throw new FileAlreadyExistsException(targetUri);
            }
            if (target.startsWith(source + "/")) {
                throw new IOException("Cannot move " + source + " below itself to " + target);
            }
            moveKeys(files, source, target);
            moveKeys(directories, source, target);
        }
    }

    private static <V> void moveKeys(Map<String, V> entries, String source, String target) {
        String prefix = source + "/";
        List<String> keys = entries.keySet().stream()
                .filter(key -> key.equals(source) || key.startsWith(prefix)).toList();
        for (String key : keys) {
            entries.put(target + key.substring(source.length()), entries.remove(key));
        }
    }

    /** Test support: write a whole file at once. */
    public void write(String uri, byte[] bytes) throws IOException {
        try (OutputStream out = create(uri)) {
            out.write(bytes);
        }
    }

    /**
     * Test support: overwrites {@code bytes.length} bytes of an existing file from {@code offset} in place, as a
     * writer with a random-access handle does. Streams already open on the file read the new bytes from where they
     * are (bytes they have read stay read); a write that ends past the end of the file stores a longer copy, which
     * open streams do not see. The file gets a new generation and a modification time later than its previous
     * one ({@code max(clock, previous + 1 ms)}).
     */
    public void overwriteInPlace(String uri, long offset, byte[] bytes) throws IOException {
        String normalized = stripTrailingSlash(uri);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        synchronized (files) {
            StoredFile file = stored(normalized);
            byte[] content = file.bytes();
            if (offset + bytes.length > content.length) {
                content = Arrays.copyOf(content, Math.toIntExact(offset + bytes.length));
            }
            System.arraycopy(bytes, 0, content, Math.toIntExact(offset), bytes.length);
            long modified = Math.max(clock.millis(), file.modificationTimeMillis() + 1);
            files.put(normalized, new StoredFile(content, modified, generations.incrementAndGet()));
        }
    }

    private StoredFile stored(String uri) throws FileNotFoundException {
        StoredFile file = files.get(stripTrailingSlash(uri));
        if (file == null) {
            throw new FileNotFoundException(uri + " (region " + region + ")");
        }
        return file;
    }

    private static boolean isChecksumSideFile(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1).matches("\\..*\\.crc");
    }

    private static String stripTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static String withTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
