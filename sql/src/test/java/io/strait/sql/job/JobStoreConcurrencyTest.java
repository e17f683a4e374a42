package io.strait.sql.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.error.StraitException;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/** Two callers racing on the same compare-and-set, each through its own store and connection. */
class JobStoreConcurrencyTest {
    private static TestingMariaDb db;
    private static JdbcJobStore firstStore;
    private static JdbcJobStore secondStore;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        firstStore = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
        secondStore = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @RepeatedTest(5)
    void twoThreadsRacingTheSameCompareAndSetExactlyOneWins() throws Exception {
        String link = JdbcJobStoreTest.newLink();
        long id = firstStore.createJobs(link, 0, 1, List.of(JdbcJobStoreTest.job(link, 1))).get(0);
        ReplicationJob job = firstStore.find(id).orElseThrow();
        CyclicBarrier start = new CyclicBarrier(2);

        List<Outcome> outcomes = race(
                () -> move(firstStore, start, JobTransitionRequest.of(job, JobState.PLANNED, "planner")),
                () -> move(secondStore, start, JobTransitionRequest.of(job, JobState.CANCELLED, "operator")));

        assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.won())
                .singleElement().extracting(Outcome::failure).isInstanceOf(StaleJobVersionException.class);
        JobState winner = outcomes.stream().filter(Outcome::won).findFirst().orElseThrow().state();
        ReplicationJob after = firstStore.find(id).orElseThrow();
        assertThat(after.state()).isEqualTo(winner);
        assertThat(after.version()).isEqualTo(1);
        assertThat(firstStore.history(id)).extracting(JobTransition::to).containsExactly(JobState.PENDING, winner);
    }

    @RepeatedTest(3)
    void twoPlannersRacingTheSameCursorExactlyOneCreatesJobs() throws Exception {
        String link = JdbcJobStoreTest.newLink();
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Outcome> planner = () -> {
            start.await(10, TimeUnit.SECONDS);
            try {
                firstStore.createJobs(link, 0, 4, List.of(JdbcJobStoreTest.job(link, 4)));
                return new Outcome(JobState.PENDING, null);
            } catch (StraitException e) {
                return new Outcome(null, e);
            }
        };

        List<Outcome> outcomes = race(planner, planner);

        assertThat(outcomes).filteredOn(Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.won()).singleElement()
                .satisfies(lost -> assertThat(lost.failure()).hasMessageContaining("planner cursor moved"));
        assertThat(firstStore.findUnfinished(link)).hasSize(1);
        assertThat(firstStore.plannerCursor(link)).isEqualTo(4);
    }

    private static Outcome move(JdbcJobStore store, CyclicBarrier start, JobTransitionRequest request)
            throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            return new Outcome(store.transition(request).state(), null);
        } catch (StaleJobVersionException e) {
            return new Outcome(null, e);
        }
    }

    private static List<Outcome> race(Callable<Outcome> first, Callable<Outcome> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> futures = threads.invokeAll(List.of(first, second), 30, TimeUnit.SECONDS);
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private record Outcome(JobState state, Exception failure) {
        boolean won() {
            return failure == null;
        }
    }
}
