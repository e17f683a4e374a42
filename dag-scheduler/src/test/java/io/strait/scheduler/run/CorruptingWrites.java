package io.strait.scheduler.run;

import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A target filesystem whose writes flip one bit of every file's first byte on the way to storage. */
final class CorruptingWrites extends ForwardingRegionFileSystem {
    CorruptingWrites(RegionFileSystem delegate) {
        super(delegate);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        return new FilterOutputStream(delegate().create(uri)) {
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
}
