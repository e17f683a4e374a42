package io.strait.sync;

import com.google.common.util.concurrent.RateLimiter;
import io.strait.common.config.DataSize;
import java.util.Optional;

/**
 * The bandwidth budget of one link in this process ({@code links[].bandwidth}): every copy thread of the link takes
 * permits for the bytes it is about to send, one permit a byte, from the same Guava {@link RateLimiter}, so their sum
 * stays within the budget. Without a budget nothing waits. Reading files back to verify them and files reused inside
 * the target region (delta copies) cross no region and take no permits.
 */
public final class CopyBandwidth {
    private static final CopyBandwidth UNLIMITED = new CopyBandwidth(null);

    private final RateLimiter limiter;

    private CopyBandwidth(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** No budget. */
    public static CopyBandwidth unlimited() {
        return UNLIMITED;
    }

    /** At most {@code bytesPerSecond} bytes a second over every copy that shares this instance. */
    public static CopyBandwidth bytesPerSecond(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bandwidth must be at least 1 byte a second: " + bytesPerSecond);
        }
        return new CopyBandwidth(RateLimiter.create(bytesPerSecond));
    }

    /** A link's budget: {@code bandwidth} bytes a second, or none. */
    public static CopyBandwidth of(Optional<DataSize> bandwidth) {
        return bandwidth.map(size -> bytesPerSecond(size.bytes())).orElse(UNLIMITED);
    }

    /** Waits until {@code bytes} may be sent. */
    public void acquire(int bytes) {
        if (limiter != null && bytes > 0) {
            limiter.acquire(bytes);
        }
    }

    public boolean limited() {
        return limiter != null;
    }

    @Override
    public String toString() {
        return limiter == null ? "unlimited" : (long) limiter.getRate() + " B/s";
    }
}
