package io.strait.reparo;

import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/** A {@link RegionFileSystem} that fails reads of chosen files, or hands back fewer bytes than it lists. */
final class FailingRegionFileSystem extends ForwardingRegionFileSystem {
    private final Set<String> unreadable = new HashSet<>();
    private final Set<String> shrinking = new HashSet<>();

    FailingRegionFileSystem(RegionFileSystem delegate) {
        super(delegate);
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
    public InputStream open(String uri) throws IOException {
        if (unreadable.contains(uri)) {
            throw new IOException("injected read failure of " + uri);
        }
        if (shrinking.contains(uri)) {
            byte[] bytes = delegate().open(uri).readAllBytes();
            return new ByteArrayInputStream(bytes, 0, bytes.length - 1);
        }
        return delegate().open(uri);
    }
}
