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
        sun.misc.Signal.raise(new sun.misc.Signal("TERM"));

        assertThat(second.await(10, TimeUnit.SECONDS)).as("the open registration got SIGTERM").isTrue();
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
        sun.misc.Signal.raise(new sun.misc.Signal("TERM"));
        assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
        three.orElseThrow().close();
        assertThat(TerminationSignals.registrations()).isZero();
    }

    /**
     * SIGINT reaches a registration, unless this process was started with SIGINT ignored (a command started in the
     * background by a shell without job control): then it stays ignored, as the shell intended, and the process
     * neither stops nor dies of it.
     */
    @Test
    void sigintStopsGracefullyUnlessTheProcessWasStartedToIgnoreIt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Optional<AutoCloseable> registration = TerminationSignals.onTermination(interrupted::countDown);
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));
        if (TerminationSignals.handles("INT")) {
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the registration got SIGINT").isTrue();
        } else {
            assertThat(interrupted.await(1, TimeUnit.SECONDS)).as("an ignored SIGINT reached nobody").isFalse();
        }
        assertThat(TerminationSignals.handles("TERM")).isTrue();
        registration.orElseThrow().close();
        assertThat(TerminationSignals.registrations()).isZero();
    }
}
