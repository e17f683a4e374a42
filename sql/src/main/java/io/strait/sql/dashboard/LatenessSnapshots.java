package io.strait.sql.dashboard;

import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.common.report.LatenessSnapshot;
import io.strait.common.report.LatenessSnapshot.Applied;
import io.strait.common.report.LatenessSnapshot.CopyFacts;
import io.strait.common.report.LatenessSnapshot.JobFacts;
import io.strait.common.report.LatenessSnapshot.Pause;
import io.strait.sql.Transactions;
import io.strait.sql.control.JdbcLinkControl;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.job.JobBlockers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Reads the {@link LatenessSnapshot} of one table or partition of a link from the state store (the input of
 * {@code LatenessExplainer}). Read-only. The deciding job is the oldest unsettled job of the object — for a
 * partition: its own jobs, else its table's table-level jobs; for a table: every job of the table — else its newest
 * FAILED, UNVERIFIABLE or BLOCKED job that no later SUCCEEDED job of the same object made obsolete. The lock holder
 * and the queue place of a PENDING deciding job come from the job DAG's rule as the claim applies it
 * ({@link JobBlockers}: index lookups per job, never the link's whole backlog); runnable jobs are ordered as they
 * are claimed, earliest deadline first.
 */
public final class LatenessSnapshots {
    private static final String STUCK = "('FAILED', 'BLOCKED', 'UNVERIFIABLE')";

    private final Transactions transactions;
    private final JdbcJobStore jobs;
    private final JdbcLinkControl control;
    private final io.strait.sql.listener.JdbcListenerHealth listeners;
    private final Clock clock;
    private final JobBlockers blockers = JobBlockers.create();

    public LatenessSnapshots(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource);
        this.jobs = new JdbcJobStore(dataSource, clock);
        this.control = new JdbcLinkControl(dataSource);
        this.listeners = new io.strait.sql.listener.JdbcListenerHealth(dataSource, clock);
        this.clock = clock;
    }

    /**
     * The snapshot of {@code database.table} (with {@code partition}, a Hive partition name or its values, one
     * partition; empty: the whole table) on {@code link}.
     *
     * @param backoff how long a job waits in RETRY_WAIT after its {@code n}th attempt (the scheduler's schedule)
     */
    public LatenessSnapshot read(DashboardQueries.Link link, String database, String table, String partition,
            IntFunction<Duration> backoff) {
        String label = DashboardQueries.partitionLabel(partition);
        long now = clock.millis();
        ObjectReads reads = transactions.inTransaction("read why " + database + "." + table + " is late",
                connection -> objectReads(connection, link, database, table, label));
        List<ReplicationJob> decidingJob = jobs.findAll(reads.decidingJobId().stream().boxed().toList());
        Optional<ReplicationJob> job = decidingJob.stream().findFirst();
        Optional<JobFacts> holder = Optional.empty();
        OptionalInt position = OptionalInt.empty();
        int runnableCount = 0;
        Optional<CopyFacts> copy = Optional.empty();
        OptionalLong nextAttempt = OptionalLong.empty();
        if (job.isPresent() && !job.get().state().isSettled()) {
            ReplicationJob deciding = job.get();
            if (deciding.state() == JobState.PENDING) {
                // index lookups per job (the claim's own rule), never the link's whole backlog
                QueueFacts queue = transactions.inTransaction("read where job " + deciding.id() + " stands",
                        connection -> queueFacts(connection, deciding));
                holder = queue.holder().isPresent() ? jobs.find(queue.holder().getAsLong()).map(LatenessSnapshots::facts)
                        : Optional.empty();
                position = queue.place().position();
                runnableCount = queue.place().runnable();
            }
            if (deciding.state() == JobState.RETRY_WAIT) {
                nextAttempt = OptionalLong.of(deciding.updatedAtMillis() + backoff.apply(deciding.attempts())
                        .toMillis());
            }
            if (deciding.state() != JobState.PENDING && deciding.state() != JobState.RETRY_WAIT) {
                copy = transactions.inTransaction("read the copy progress of job " + deciding.id(),
                        connection -> copy(connection, deciding.id()));
            }
        }
        Optional<Pause> pause = control.state(link.name()).filter(JdbcLinkControl.LinkState::paused)
                .map(state -> new Pause(state.changedBy(), state.reason(), state.changedAtMillis()));
        return new LatenessSnapshot(link.name(), link.source(), database, table, label, now, link.sla(), pause,
                job.map(LatenessSnapshots::facts), holder, position, runnableCount, copy, nextAttempt,
                reads.applied(), reads.everCaptured(), reads.listenerLastContact(), reads.unplannedEvents(),
                spooled(link.source(), database + "." + table));
    }

    /** Events the source's running listeners hold in their spools for the table (or its database), if any. */
    private OptionalLong spooled(String sourceRegion, String table) {
        List<io.strait.sql.listener.ListenerInstance> spooling = listeners.spoolingFor(sourceRegion, table);
        return spooling.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(spooling.stream().mapToLong(io.strait.sql.listener.ListenerInstance::spoolDepth)
                        .sum());
    }

    private record QueueFacts(OptionalLong holder, JobBlockers.QueuePlace place) {
    }

    private QueueFacts queueFacts(Connection connection, ReplicationJob pending) throws SQLException {
        OptionalLong holder = blockers.blocker(connection, pending);
        return new QueueFacts(holder, holder.isPresent()
                ? new JobBlockers.QueuePlace(OptionalInt.empty(), 0, false) : blockers.queuePlace(connection, pending));
    }

    private record ObjectReads(OptionalLong decidingJobId, Optional<Applied> applied, boolean everCaptured,
            OptionalLong listenerLastContact, long unplannedEvents) {
    }

    private static ObjectReads objectReads(Connection connection, DashboardQueries.Link link, String database,
            String table, String label) throws SQLException {
        // A partition's own jobs decide first; its table's table-level jobs (which lock it too) next.
        List<String> levels = label.isEmpty() ? List.of("") : List.of(" AND j.partition_label = ?",
                " AND j.partition_label = ''");
        OptionalLong deciding = OptionalLong.empty();
        for (String level : levels) {
            List<Object> parameters = new ArrayList<>(List.of(link.name(), database, table));
            if (level.contains("?")) {
                parameters.add(label);
            }
            String ofLevel = " FROM replication_job j WHERE j.link = ? AND j.db_name = ? AND j.table_name = ?"
                    + level;
            deciding = first(DashboardQueries.rows(connection, "SELECT MIN(j.id) AS id" + ofLevel
                    + " AND j." + DashboardQueries.UNSETTLED, parameters.toArray()));
            if (deciding.isEmpty()) {
                deciding = first(DashboardQueries.rows(connection, "SELECT MAX(j.id) AS id" + ofLevel
                        + " AND j.state IN " + STUCK + " AND NOT EXISTS (SELECT 1 FROM replication_job later"
                        + " WHERE later.link = j.link AND later.db_name = j.db_name"
                        + " AND later.table_name = j.table_name AND later.partition_values = j.partition_values"
                        + " AND later.state = 'SUCCEEDED' AND later.source_event_id > j.source_event_id)",
                        parameters.toArray()));
            }
            if (deciding.isPresent()) {
                break;
            }
        }
        String object = label.isEmpty() ? "" : " AND j.partition_label IN ('', ?)";
        List<Object> parameters = new ArrayList<>(List.of(link.name(), database, table));
        if (!label.isEmpty()) {
            parameters.add(label);
        }
        String ofObject = " FROM replication_job j WHERE j.link = ? AND j.db_name = ? AND j.table_name = ?" + object;
        boolean everCaptured = ((Number) DashboardQueries.rows(connection, "SELECT COUNT(*) AS n" + ofObject,
                parameters.toArray()).get(0).get("n")).longValue() > 0;
        List<Map<String, Object>> watermark = DashboardQueries.rows(connection, "SELECT"
                + " w.last_source_event_id AS id, COALESCE(e.captured_at_ms, (SELECT MAX(c.source_captured_at_ms)"
                + " FROM replication_job c WHERE c.db_name = w.db_name AND c.table_name = w.table_name"
                + " AND c.link = w.link AND c.source_event_id = w.last_source_event_id), 0) AS captured,"
                + " w.last_committed_at_ms AS committed FROM table_watermark w"
                + " LEFT JOIN hms_event e ON e.id = w.last_source_event_id"
                + " WHERE w.link = ? AND w.db_name = ? AND w.table_name = ?", link.name(), database, table);
        Optional<Applied> applied = watermark.stream().findFirst().map(row -> new Applied(
                ((Number) row.get("id")).longValue(), ((Number) row.get("captured")).longValue(),
                ((Number) row.get("committed")).longValue()));
        OptionalLong contact = first(DashboardQueries.rows(connection, "SELECT captured_at_ms AS id FROM hms_event"
                + " WHERE source_region = ? ORDER BY id DESC LIMIT 1", link.source()));
        List<Map<String, Object>> cursor = DashboardQueries.rows(connection,
                "SELECT last_event_id AS id FROM planner_cursor WHERE link = ?", link.name());
        long plannedThrough = cursor.isEmpty() ? 0 : ((Number) cursor.get(0).get("id")).longValue();
        long unplanned = ((Number) DashboardQueries.rows(connection, "SELECT COUNT(*) AS n FROM hms_event"
                + " WHERE source_region = ? AND id > ?", link.source(), plannedThrough).get(0).get("n")).longValue();
        return new ObjectReads(deciding, applied, everCaptured, contact, unplanned);
    }

    /** Bytes and files of the job's current manifest, done (a copy result recorded) and total, since its claim. */
    private static Optional<CopyFacts> copy(Connection connection, long jobId) throws SQLException {
        Map<String, Object> files = DashboardQueries.rows(connection, "SELECT COUNT(*) AS files,"
                + " COALESCE(SUM(size_bytes), 0) AS bytes, COALESCE(SUM(bytes_copied), 0) AS copied,"
                + " COALESCE(SUM(verification <> 'PENDING'), 0) AS done FROM file_manifest WHERE job_id = ?", jobId)
                .get(0);
        OptionalLong claimed = first(DashboardQueries.rows(connection, "SELECT MAX(at_ms) AS id FROM job_transition"
                + " WHERE job_id = ? AND to_state = 'PLANNED'", jobId));
        if (((Number) files.get("files")).longValue() == 0) {
            return Optional.empty();
        }
        return Optional.of(new CopyFacts(((Number) files.get("copied")).longValue(),
                ((Number) files.get("bytes")).longValue(), ((Number) files.get("done")).longValue(),
                ((Number) files.get("files")).longValue(), claimed.orElse(0)));
    }

    private static OptionalLong first(List<Map<String, Object>> rows) {
        if (rows.isEmpty() || rows.get(0).get("id") == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(((Number) rows.get(0).get("id")).longValue());
    }

    private static JobFacts facts(ReplicationJob job) {
        return new JobFacts(job.id(), job.state(), job.kind().name(), job.object().toString(), job.attempts(),
                job.lastError(), job.sourceCapturedAtMillis(), job.updatedAtMillis());
    }
}
