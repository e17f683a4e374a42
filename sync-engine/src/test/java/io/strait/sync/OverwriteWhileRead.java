package io.strait.sync;

import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source {@link RegionFileSystem} on which a writer changes one file (matched by the end of its URI) while it is
 * read: once, right after the first read of a stream on that file returned bytes, {@code writer} runs (e.g. an
 * in-place overwrite of the part already read and of a part not read yet). Reads themselves are passed through
 * unchanged, so whatever the stream returns afterwards is what the underlying filesystem serves.
 */
final class OverwriteWhileRead extends ForwardingRegionFileSystem {
    /** The writer's action. */
    interface Writer {
        void write() throws IOException;
    }

    private final String uriSuffix;
    private final Writer writer;
    private final AtomicBoolean written = new AtomicBoolean();
    private final AtomicLong bytesReadBeforeWrite = new AtomicLong(-1);

    OverwriteWhileRead(RegionFileSystem delegate, String uriSuffix, Writer writer) {
        super(delegate);
        this.uriSuffix = uriSuffix;
        this.writer = writer;
    }

    /** Whether the writer ran. */
    boolean written() {
        return written.get();
    }

    /** How many bytes of the file the stream had returned when the writer ran; -1 if it did not run. */
    long bytesReadBeforeWrite() {
        return bytesReadBeforeWrite.get();
    }

    @Override
    public InputStream open(String uri) throws IOException {
        InputStream in = delegate().open(uri);
        if (!uri.endsWith(uriSuffix)) {
            return in;
        }
        return new FilterInputStream(in) {
            private long position;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    afterRead(1);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int count = in.read(bytes, offset, length);
                if (count > 0) {
                    afterRead(count);
                }
                return count;
            }

            private void afterRead(int count) throws IOException {
                position += count;
                if (written.compareAndSet(false, true)) {
                    bytesReadBeforeWrite.set(position);
                    writer.write();
                }
            }
        };
    }
}
