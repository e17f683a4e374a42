package io.strait.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * A cycle trigger of a link this process does not serve (another configuration on the same state store and
 * scheduler name scheduled it) fires here as a skipped no-op: no error, and the trigger never ends in ERROR state.
 */
class StaleCycleTriggerTest {
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
    void aCycleTriggerOfALinkThisProcessDoesNotServeIsSkippedAndStaysNormal() throws Exception {
        String cluster = "stale-" + System.nanoTime();
        QuartzSettings settings = new QuartzSettings(cluster, db.jdbcUrl(), db.user(), db.password(), 3);
        Scheduler otherConfiguration = new StdSchedulerFactory(settings.toProperties()).getScheduler();
        otherConfiguration.scheduleJob(JobBuilder.newJob(ReplicationCycleJob.class)
                        .withIdentity("cycle-other-link", "strait-replication")
                        .usingJobData(ReplicationCycleJob.LINK_KEY, "other-link").build(),
                Set.of(TriggerBuilder.newTrigger().withIdentity("trigger-other-link", "strait-replication")
                        .startNow().withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(300).repeatForever()).build()), true);
        otherConfiguration.shutdown();

        AtomicInteger runs = new AtomicInteger();
        try (CycleScheduler scheduler = new CycleScheduler(settings, List.of(), Duration.ofSeconds(1),
                List.of(new CountingTask("probe", Duration.ofMillis(300), runs)))) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> fireCount(cluster) >= 3 && runs.get() >= 2);
            assertThat(triggerState(cluster)).isNotEqualTo(Trigger.TriggerState.ERROR.name()).isNotEqualTo("ERROR");
        }
    }

    private static String triggerState(String cluster) throws Exception {
        return query(cluster, "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_NAME = ?");
    }

    private static long fireCount(String cluster) throws Exception {
        String fired = query(cluster, "SELECT TIMES_TRIGGERED FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = ?"
                + " AND TRIGGER_NAME = ?");
        String state = triggerState(cluster);
        if ("ERROR".equals(state)) {
            throw new AssertionError("the trigger of the link this process does not serve is in ERROR state");
        }
        return fired == null ? 0 : Long.parseLong(fired);
    }

    private static String query(String cluster, String sql) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, cluster);
            statement.setString(2, "trigger-other-link");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
