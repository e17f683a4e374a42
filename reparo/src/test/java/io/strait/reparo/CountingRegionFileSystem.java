package io.strait.reparo;

import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link RegionFileSystem} that counts the calls reconcile makes to look at files: listings and reads. */
final class CountingRegionFileSystem extends ForwardingRegionFileSystem {
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();

    CountingRegionFileSystem(RegionFileSystem delegate) {
        super(delegate);
    }

    /** Every call that touches a file or directory, of any kind. */
    int fileAccesses() {
        return listings.get() + opens.get() + lookups.get();
    }

    @Override
    public List<FileEntry> listFiles(String directoryUri) throws IOException {
        listings.incrementAndGet();
        return super.listFiles(directoryUri);
    }

    @Override
    public InputStream open(String uri) throws IOException {
        opens.incrementAndGet();
        return super.open(uri);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        lookups.incrementAndGet();
        return super.exists(uri);
    }

    @Override
    public long length(String uri) throws IOException {
        lookups.incrementAndGet();
        return super.length(uri);
    }

    @Override
    public FileIdentity status(String uri) throws IOException {
        lookups.incrementAndGet();
        return super.status(uri);
    }
}
