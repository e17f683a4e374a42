package io.strait.scheduler.run;

import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A source filesystem on which a writer changes one file (matched by the end of its URI) while it is read: once,
 * right after the first read of a stream on that file returned bytes, {@code writer} runs. Reads pass through.
 */
final class OverwriteWhileRead extends ForwardingRegionFileSystem {
    /** The writer's action. */
    interface Writer {
        void write() throws IOException;
    }

    private final String uriSuffix;
    private final Writer writer;
    private final AtomicBoolean written = new AtomicBoolean();

    OverwriteWhileRead(RegionFileSystem delegate, String uriSuffix, Writer writer) {
        super(delegate);
        this.uriSuffix = uriSuffix;
        this.writer = writer;
    }

    boolean written() {
        return written.get();
    }

    @Override
    public InputStream open(String uri) throws IOException {
        InputStream in = delegate().open(uri);
        if (!uri.endsWith(uriSuffix)) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                afterRead(b >= 0 ? 1 : 0);
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int count = in.read(bytes, offset, length);
                afterRead(count);
                return count;
            }

            private void afterRead(int count) throws IOException {
                if (count > 0 && written.compareAndSet(false, true)) {
                    writer.write();
                }
            }
        };
    }
}
