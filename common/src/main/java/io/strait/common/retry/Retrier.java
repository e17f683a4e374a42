package io.strait.common.retry;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Strait's one retry helper (resilience4j underneath): retries only exceptions the classifier accepts (by default
 * {@link ErrorCategory#EXTERNAL} {@link StraitException}s), backs off exponentially, and rethrows the last failure.
 * Interruption is never retried and the interrupt flag is kept.
 */
public final class Retrier {
    /** The randomization factor of a jittered policy: each wait within ±50 % of the exponential one. */
    private static final double JITTER = 0.5;
    private final Retry retry;
    private final java.util.concurrent.atomic.AtomicLong attempts = new java.util.concurrent.atomic.AtomicLong();

    public Retrier(String name, RetryPolicy policy, Predicate<Throwable> retryable) {
        RetryConfig.Builder<Object> config = RetryConfig.custom().maxAttempts(policy.maxAttempts())
                .retryOnException(error -> !(error instanceof InterruptedException) && retryable.test(error));
        if (policy.maxAttempts() > 1) {
            long initial = Math.max(1, policy.initialBackoff().toMillis());
            long max = Math.max(1, policy.maxBackoff().toMillis());
            config.intervalFunction(policy.jitter()
                    ? IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, JITTER, max)
                    : IntervalFunction.ofExponentialBackoff(initial, 2.0, max));
        }
        this.retry = Retry.of(name, config.build());
    }

    /** Retries EXTERNAL {@link StraitException}s. */
    public static Retrier forExternalFailures(String name, RetryPolicy policy) {
        return new Retrier(name, policy, Retrier::isExternal);
    }

    public static boolean isExternal(Throwable error) {
        return error instanceof StraitException strait && strait.category() == ErrorCategory.EXTERNAL;
    }

    public <T> T call(Callable<T> action) {
        try {
            return retry.executeCallable(() -> {
                attempts.incrementAndGet();
                return action.call();
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StraitException(ErrorCategory.EXTERNAL, "Interrupted while retrying " + retry.getName(), e);
        } catch (Exception e) {
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot complete " + retry.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Calls {@code listener} with the wait before each retry (the backoff), just before it is waited; for metrics,
     * logs and tests. Returns this retrier.
     */
    public Retrier onBackoff(java.util.function.Consumer<java.time.Duration> listener) {
        retry.getEventPublisher().onRetry(event -> listener.accept(event.getWaitInterval()));
        return this;
    }

    /** Attempts made so far (every try of every call), for metrics and tests. */
    public long attempts() {
        return attempts.get();
    }
}
