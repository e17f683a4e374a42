package io.strait.scheduler.run;

import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** A target filesystem whose writes flip one bit of every file's first byte on the way to storage. */
final class CorruptingWrites implements RegionFileSystem {
    private final RegionFileSystem delegate;

    CorruptingWrites(RegionFileSystem delegate) {
        this.delegate = delegate;
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
        return delegate.open(uri);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        return new FilterOutputStream(delegate.create(uri)) {
            private boolean first = true;

            @Override
            public void write(int b) throws IOException {
                super.write(first ? b ^ 1 : b);
                first = false;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                for (int i = 0; i < length; i++) {
                    write(bytes[offset + i]);
                }
            }
        };
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
