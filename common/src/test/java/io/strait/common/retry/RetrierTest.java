package io.strait.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private static final RetryPolicy THREE_QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));

    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    void retriesExternalFailuresUntilOneSucceeds() {
        Retrier retrier = Retrier.forExternalFailures("list files", THREE_QUICK);
        String result = retrier.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw StraitException.external("metastore unreachable " + calls.get(), null);
            }
            return "listed";
        });
        assertThat(result).isEqualTo("listed");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndRethrowsTheLastError() {
        Retrier retrier = Retrier.forExternalFailures("list files", THREE_QUICK);
        List<StraitException> thrown = new ArrayList<>();
        Throwable error = catchThrowable(() -> retrier.call(() -> {
            StraitException failure = StraitException.external("attempt " + calls.incrementAndGet() + " failed", null);
            thrown.add(failure);
            throw failure;
        }));
        assertThat(calls).hasValue(3);
        assertThat(error).isSameAs(thrown.get(2)).hasMessage("attempt 3 failed");
    }

    @Test
    void doesNotRetryUserErrors() {
        Retrier retrier = Retrier.forExternalFailures("create table", THREE_QUICK);
        StraitException refused = StraitException.userError("Cannot create table sales.orders: it already exists");
        assertThatThrownBy(() -> retrier.run(() -> {
            calls.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(calls).hasValue(1);
    }

    @Test
    void doesNotRetryInternalErrorsOrUnclassifiedExceptions() {
        Retrier retrier = Retrier.forExternalFailures("publish", THREE_QUICK);
        assertThatThrownBy(() -> retrier.run(() -> {
            calls.incrementAndGet();
            throw StraitException.internal("broken invariant");
        })).hasMessage("broken invariant");
        assertThatThrownBy(() -> retrier.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aCustomClassifierDecidesWhatIsRetried() {
        Retrier retrier = new Retrier("read", THREE_QUICK, error -> error instanceof IOException);
        Throwable error = catchThrowable(() -> retrier.call(() -> {
            calls.incrementAndGet();
            throw new IOException("connection reset");
        }));
        assertThat(calls).hasValue(3);
        assertThat(error).isInstanceOfSatisfying(StraitException.class,
                        strait -> assertThat(strait.category()).isEqualTo(ErrorCategory.EXTERNAL))
                .hasMessageContaining("read").hasMessageContaining("connection reset")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void anInterruptedActionIsNotRetriedAndKeepsTheInterruptFlag() {
        Retrier retrier = new Retrier("wait", THREE_QUICK, error -> true);
        Throwable error = catchThrowable(() -> retrier.call(() -> {
            calls.incrementAndGet();
            throw new InterruptedException("stop");
        }));
        assertThat(calls).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(error).isInstanceOf(StraitException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void anInterruptDuringTheBackoffStopsRetryingAndKeepsTheFlag() {
        RetryPolicy slow = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30));
        Retrier retrier = Retrier.forExternalFailures("copy", slow);
        long start = System.nanoTime();
        Throwable error = catchThrowable(() -> retrier.call(() -> {
            calls.incrementAndGet();
            Thread.currentThread().interrupt();
            throw StraitException.external("target unreachable", null);
        }));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(calls).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(error).isInstanceOf(StraitException.class).hasMessageContaining("target unreachable");
    }

    @Test
    void backsOffExponentiallyBetweenAttemptsDoublingUpToTheMaximum() {
        Retrier retrier = Retrier.forExternalFailures("commit", new RetryPolicy(6, Duration.ofMillis(10),
                Duration.ofMillis(50)));
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        retrier.onBackoff(waits::add);
        catchThrowable(() -> retrier.run(() -> {
            calls.incrementAndGet();
            throw StraitException.external("down", null);
        }));
        assertThat(calls).hasValue(6);
        assertThat(waits).as("one wait between each two attempts: doubling from the initial backoff, capped")
                .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
                        Duration.ofMillis(50), Duration.ofMillis(50));
    }

    @Test
    void aJitteredPolicyWaitsARandomTimeAroundEachExponentialStep() {
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int run = 0; run < 20; run++) {
            Retrier retrier = Retrier.forExternalFailures("publish", new RetryPolicy(3, Duration.ofMillis(8),
                    Duration.ofMillis(1_000)).jittered());
            retrier.onBackoff(waits::add);
            catchThrowable(() -> retrier.run(() -> {
                throw StraitException.external("lock wait", null);
            }));
        }
        List<Duration> firsts = new java.util.ArrayList<>();
        List<Duration> seconds = new java.util.ArrayList<>();
        for (int i = 0; i < waits.size(); i++) {
            (i % 2 == 0 ? firsts : seconds).add(waits.get(i));
        }
        assertThat(firsts).hasSize(20).allSatisfy(wait -> assertThat(wait.toMillis()).isBetween(4L, 12L));
        assertThat(seconds).hasSize(20).allSatisfy(wait -> assertThat(wait.toMillis()).isBetween(8L, 24L));
        assertThat(waits.stream().distinct().count()).as("the waits differ: %s", waits).isGreaterThan(3);
    }

    @Test
    void aCallThatSucceedsAfterARetryWaitedOnlyOnce() {
        Retrier retrier = Retrier.forExternalFailures("commit", new RetryPolicy(5, Duration.ofMillis(10),
                Duration.ofMillis(50)));
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        retrier.onBackoff(waits::add);
        String result = retrier.call(() -> {
            if (calls.incrementAndGet() < 2) {
                throw StraitException.external("down", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void noneMakesExactlyOneAttempt() {
        Retrier retrier = Retrier.forExternalFailures("once", RetryPolicy.none());
        catchThrowable(() -> retrier.run(() -> {
            calls.incrementAndGet();
            throw StraitException.external("down", null);
        }));
        assertThat(calls).hasValue(1);
    }

    @Test
    void countsEveryAttempt() {
        Retrier retrier = Retrier.forExternalFailures("list files", THREE_QUICK);
        retrier.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw StraitException.external("flaky", null);
            }
            return "ok";
        });
        retrier.call(() -> "ok at once");
        assertThat(retrier.attempts()).isEqualTo(4);
    }

    @Test
    void aPolicyNeedsAtLeastOneAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyExternalStraitExceptionsAreExternal() {
        assertThat(Retrier.isExternal(StraitException.external("x", null))).isTrue();
        assertThat(Retrier.isExternal(StraitException.userError("x"))).isFalse();
        assertThat(Retrier.isExternal(new IOException("x"))).isFalse();
    }
}
