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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory twin of {@link RegionFileSystem}, for tests of the deciders and engines. Directories exist
 * implicitly (a directory exists when a file lies below it or it was made with {@link #mkdirs}). A file becomes
 * visible when its output stream is closed.
 */
public final class InMemoryRegionFileSystem implements RegionFileSystem {
    private record StoredFile(byte[] bytes, long modificationTimeMillis) {
    }

    private final RegionId region;
    private final Clock clock;
    private final Map<String, StoredFile> files = new ConcurrentSkipListMap<>();
    private final Map<String, Boolean> directories = new ConcurrentSkipListMap<>();

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
                if (files.putIfAbsent(normalized, new StoredFile(toByteArray(), clock.millis())) != null) {
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

    /** Test support: write a whole file at once. */
    public void write(String uri, byte[] bytes) throws IOException {
        try (OutputStream out = create(uri)) {
            out.write(bytes);
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
