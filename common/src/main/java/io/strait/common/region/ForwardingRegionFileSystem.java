package io.strait.common.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RegionFileSystem} that forwards every call to another one: the base of decorators (metering, rate
 * limiting, fault injection in tests), which override only the calls they change. The channels
 * ({@link #openChannel}, {@link #createChannel}) are not forwarded: a decorator sees every byte through
 * {@link #open} and {@link #create} unless it forwards them itself.
 */
public abstract class ForwardingRegionFileSystem implements RegionFileSystem {
    private final RegionFileSystem delegate;

    protected ForwardingRegionFileSystem(RegionFileSystem delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected RegionFileSystem delegate() {
        return delegate;
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
    public List<String> listDirectoryNames(String directoryUri) throws IOException {
        return delegate.listDirectoryNames(directoryUri);
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
    public FileIdentity status(String uri) throws IOException {
        return delegate.status(uri);
    }

    @Override
    public InputStream open(String uri) throws IOException {
        return delegate.open(uri);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        return delegate.create(uri);
    }

    /**
     * Forwarded; {@link #create(String, FileLayout)}, {@link #open(String, long)} and {@link #rangedWrite} are not,
     * so subclasses that intercept {@code create} or {@code open} see every write and read (ranged writes are off).
     */
    @Override
    public FileLayout layout(String uri) throws IOException {
        return delegate.layout(uri);
    }

    @Override
    public void mkdirs(String directoryUri) throws IOException {
        delegate.mkdirs(directoryUri);
    }

    @Override
    public boolean delete(String uri) throws IOException {
        return delegate.delete(uri);
    }

    @Override
    public void rename(String sourceUri, String targetUri) throws IOException {
        delegate.rename(sourceUri, targetUri);
    }

    @Override
    public void copyWithin(String sourceUri, String targetUri) throws IOException {
        delegate.copyWithin(sourceUri, targetUri);
    }

    @Override
    public java.util.Optional<StoredFile> storedFile(String uri) throws IOException {
        return delegate.storedFile(uri);
    }
}
