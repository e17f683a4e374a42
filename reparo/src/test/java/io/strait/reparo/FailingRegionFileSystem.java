package io.strait.reparo;

import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@link RegionFileSystem} that fails reads of chosen files, or hands back fewer bytes than it lists. */
final class FailingRegionFileSystem implements RegionFileSystem {
    private final RegionFileSystem delegate;
    private final Set<String> unreadable = new HashSet<>();
    private final Set<String> shrinking = new HashSet<>();

    FailingRegionFileSystem(RegionFileSystem delegate) {
        this.delegate = delegate;
    }

    /** Opening {@code uri} fails with an IOException. */
    FailingRegionFileSystem failReading(String uri) {
        unreadable.add(uri);
        return this;
    }

    /** Reading {@code uri} returns one byte less than its listed length, as if it changed while being read. */
    FailingRegionFileSystem shrinkWhileReading(String uri) {
        shrinking.add(uri);
        return this;
    }

    @Override
    public RegionId region() {
        return delegate.region();
    }

    @Override
    public List<FileEntry> listFiles(String directoryUri) throws IOException {
        return delegate.listFiles(directoryUri);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        return delegate.exists(uri);
    }

    @Override
    public long length(String uri) throws IOException {
        return delegate.length(uri);
    }

    @Override
    public InputStream open(String uri) throws IOException {
        if (unreadable.contains(uri)) {
            throw new IOException("injected read failure of " + uri);
        }
        if (shrinking.contains(uri)) {
            byte[] bytes = delegate.open(uri).readAllBytes();
            return new ByteArrayInputStream(bytes, 0, bytes.length - 1);
        }
        return delegate.open(uri);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        return delegate.create(uri);
    }

    @Override
    public void mkdirs(String directoryUri) throws IOException {
        delegate.mkdirs(directoryUri);
    }

    @Override
    public boolean delete(String uri) throws IOException {
        return delegate.delete(uri);
    }
}
