package io.strait.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Periodic tasks on Quartz's clustered JDBC store: run now and every interval; a restart keeps the schedule. */
class PeriodicTaskSchedulingTest {
    private static TestingMariaDb db;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private record CountingTask(String name, Duration interval, AtomicInteger runs) implements PeriodicTask {
        @Override
        public void runOnce() {
            runs.incrementAndGet();
        }
    }

    @Test
    void aTaskRunsAtOnceThenEveryIntervalAndARestartKeepsItsTrigger() throws Exception {
        String cluster = "periodic-" + System.nanoTime();
        AtomicInteger runs = new AtomicInteger();
        CountingTask task = new CountingTask("reconcile-a-to-b", Duration.ofMillis(700), runs);
        try (CycleScheduler scheduler = scheduler(cluster, task)) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 2);
        }
        long firstFire = startTime(cluster);

        try (CycleScheduler restarted = scheduler(cluster, new CountingTask("reconcile-a-to-b",
                Duration.ofMillis(700), runs))) {
            restarted.start();
            int before = runs.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() > before);
        }
        assertThat(startTime(cluster)).as("the unchanged trigger was kept, not scheduled anew").isEqualTo(firstFire);

        try (CycleScheduler changed = scheduler(cluster, new CountingTask("reconcile-a-to-b", Duration.ofHours(1),
                runs))) {
            changed.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> startTime(cluster) != firstFire);
        }
    }

    private static CycleScheduler scheduler(String cluster, PeriodicTask task) {
        return new CycleScheduler(new QuartzSettings(cluster, db.jdbcUrl(), db.user(), db.password(), 3), List.of(),
                Duration.ofSeconds(1), List.of(task));
    }

    private static long startTime(String cluster) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT START_TIME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_NAME = ?")) {
            statement.setString(1, cluster);
            statement.setString(2, "trigger-reconcile-a-to-b");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
