package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Registrations for SIGINT/SIGTERM that overlap and end in any order (commands run one after another, or at once,
 * inside one JVM): a signal reaches every registration still open, whichever closed first, and the JVM's own
 * handlers come back when the last one closes.
 */
class TerminationSignalsTest {
    @Test
    void aRegistrationThatEndsLateDoesNotTakeTheSignalFromOneThatStartedAfterIt() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        Optional<AutoCloseable> early = TerminationSignals.onTermination(first::countDown);
        Optional<AutoCloseable> late = TerminationSignals.onTermination(second::countDown);
        assertThat(early).isPresent();
        assertThat(late).isPresent();
        assertThat(TerminationSignals.registrations()).isEqualTo(2);

        early.get().close(); // the earlier command ends after the later one started
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));

        assertThat(second.await(10, TimeUnit.SECONDS)).as("the open registration got SIGINT").isTrue();
        assertThat(first.getCount()).as("the closed one did not").isEqualTo(1);
        late.get().close();
        assertThat(TerminationSignals.registrations()).isZero();
    }

    @Test
    void aSignalReachesEveryOpenRegistrationAndANewOneWorksAfterAllClosed() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        Optional<AutoCloseable> one = TerminationSignals.onTermination(both::countDown);
        Optional<AutoCloseable> two = TerminationSignals.onTermination(both::countDown);
        sun.misc.Signal.raise(new sun.misc.Signal("TERM"));
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
        two.orElseThrow().close();
        one.orElseThrow().close();

        CountDownLatch again = new CountDownLatch(1);
        Optional<AutoCloseable> three = TerminationSignals.onTermination(again::countDown);
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));
        assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
        three.orElseThrow().close();
        assertThat(TerminationSignals.registrations()).isZero();
    }
}
