package io.strait.common.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How to retry: at most {@code maxAttempts} attempts, exponential backoff from {@code initialBackoff} doubling up
 * to {@code maxBackoff}; with {@code jitter}, each wait is drawn at random within ±50 % of that (callers that
 * collide, e.g. on the same lock, do not retry in step).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean jitter) {
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, initialBackoff, maxBackoff, false);
    }

    /** The same policy with random jitter on every wait. */
    public RetryPolicy jittered() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, true);
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }
}
