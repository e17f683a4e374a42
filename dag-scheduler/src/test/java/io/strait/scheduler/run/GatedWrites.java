package io.strait.scheduler.run;

import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A target filesystem whose file writes wait until the gate opens: a worker stuck mid-copy (or a frozen process). */
final class GatedWrites extends ForwardingRegionFileSystem {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    GatedWrites(RegionFileSystem delegate) {
        super(delegate);
    }

    void open() {
        gate.countDown();
    }

    /** Writers waiting at the gate now. */
    int waiting() {
        return waiting.get();
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        waiting.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted at the gate");
        } finally {
            waiting.decrementAndGet();
        }
        return delegate().create(uri);
    }
}
