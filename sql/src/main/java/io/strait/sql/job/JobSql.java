package io.strait.sql.job;

import io.strait.common.job.JobState;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Every statement of {@link JdbcJobStore} and {@link JdbcManifests}. */
final class JobSql {
    static final String JOB_COLUMNS = "id, link, kind, db_name, table_name, partition_values, state, version,"
            + " source_event_id, source_captured_at_ms, attempts, target_location, last_error, created_at_ms,"
            + " updated_at_ms, committed_at_ms, origin, renamed_from_db, renamed_from_table";

    static final String READ_CURSOR = "SELECT last_event_id FROM planner_cursor WHERE link = ?";
    static final String MOVE_CURSOR = "UPDATE planner_cursor SET last_event_id = ?, updated_at_ms = ?"
            + " WHERE link = ? AND last_event_id = ?";
    /** Creates the link's cursor row at 0 unless it exists; then the compare-and-set applies as for any cursor. */
    static final String ENSURE_CURSOR = "INSERT INTO planner_cursor (link, last_event_id, updated_at_ms)"
            + " VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE link = link";

    /** Jobs created together; the caller appends one {@code (...)} per job. */
    static final String INSERT_JOBS = "INSERT INTO replication_job (link, kind, db_name, table_name,"
            + " partition_values, partition_label, state, version, source_event_id, source_captured_at_ms, attempts,"
            + " target_location, last_error, created_at_ms, updated_at_ms, committed_at_ms, origin, deadline_ms,"
            + " renamed_from_db, renamed_from_table)"
            + " VALUES ";
    /** Transition rows written together; the caller appends one {@code (...)} per row. */
    static final String INSERT_TRANSITIONS = "INSERT INTO job_transition (job_id, from_state, to_state, new_version,"
            + " reason, at_ms) VALUES ";
    /** Locks a link's cursor row: job creation holds it, so a link's job ids grow in commit order. */
    static final String LOCK_CURSOR = "SELECT last_event_id FROM planner_cursor WHERE link = ? FOR UPDATE";
    static final String HAS_UNFINISHED = "SELECT 1 FROM replication_job WHERE link = ? AND state NOT IN ("
            + settledStates() + ") LIMIT 1";
    static final String IN_STATE = "SELECT " + JOB_COLUMNS + " FROM replication_job WHERE link = ? AND state = ?"
            + " ORDER BY id";
    static final String FIND_JOB = "SELECT " + JOB_COLUMNS + " FROM replication_job WHERE id = ?";
    /** Jobs the scheduler still has to move: not settled (neither terminal nor BLOCKED, see JobState#isSettled). */
    static final String FIND_UNFINISHED = "SELECT " + JOB_COLUMNS + " FROM replication_job"
            + " WHERE link = ? AND state NOT IN (" + settledStates() + ") ORDER BY id";
    static final String RECENT_OF_LINK = "SELECT " + JOB_COLUMNS + " FROM replication_job WHERE link = ?"
            + " ORDER BY id DESC LIMIT ?";
    static final String RECENT_OF_LINK_IN_STATE = "SELECT " + JOB_COLUMNS + " FROM replication_job"
            + " WHERE link = ? AND state = ? ORDER BY id DESC LIMIT ?";
    /** Jobs by id; the caller appends the {@code (?, ?, ...)} list. */
    static final String FIND_JOBS_IN = "SELECT " + JOB_COLUMNS + " FROM replication_job WHERE id IN ";
    /** Ids of unsettled jobs among ids; the caller appends the {@code (?, ?, ...)} list and the ORDER BY. */
    static final String UNSETTLED_IN = "SELECT id FROM replication_job WHERE state IN ("
            + java.util.Arrays.stream(io.strait.common.job.JobState.values()).filter(state -> !state.isSettled())
                    .map(state -> "'" + state.name() + "'").collect(java.util.stream.Collectors.joining(", "))
            + ") AND id IN ";
    /** Jobs by state among ids; the caller appends the {@code (?, ?, ...)} list and the GROUP BY. */
    static final String STATES_IN = "SELECT state, COUNT(*) FROM replication_job WHERE id IN ";
    /** Files and bytes planned and verified among the jobs' manifests; the caller appends the id list. */
    static final String FILES_IN = "SELECT COUNT(*), COALESCE(SUM(size_bytes), 0),"
            + " COALESCE(SUM(verification = 'VERIFIED'), 0),"
            + " COALESCE(SUM(CASE WHEN verification = 'VERIFIED' THEN size_bytes ELSE 0 END), 0)"
            + " FROM file_manifest WHERE job_id IN ";
    static final String READ_STATE = "SELECT state, version FROM replication_job WHERE id = ?";

    /**
     * The compare-and-set of {@link JdbcJobStore}: a job's move, or a whole chain of its moves, as one row change,
     * checked against the (first) move's state, version and fence. Parameters: state, version increment (the
     * chain's length), updated_at_ms, last_error (null keeps it), target_location (null keeps it), committed_at_ms
     * (0 keeps it, given twice), attempts reset (true: set to the next parameter, see
     * JobTransitions#restartsAttempts), attempts after a reset, attempts increment, lease_owner, lease_expires_at_ms,
     * fencing token increment, id, expected state, expected version, and the fence (owner, token,
     * is-a-cancellation): the row has no lease holder, or this process holds it with this token, or the move is a
     * cancellation (an operator's; the token still grows, so the holder is fenced off).
     */
    static final String COMPARE_AND_SET_CHAIN_FENCED = "UPDATE replication_job SET state = ?, version = version + ?,"
            + " updated_at_ms = ?, last_error = COALESCE(?, last_error),"
            + " target_location = COALESCE(?, target_location),"
            + " committed_at_ms = IF(? = 0, committed_at_ms, ?), attempts = IF(?, ?, attempts + ?),"
            + " lease_owner = ?, lease_expires_at_ms = ?, fencing_token = fencing_token + ?"
            + " WHERE id = ? AND state = ? AND version = ?"
            + " AND (lease_owner = '' OR (lease_owner = ? AND fencing_token = ?) OR ?)";
    /**
     * FAILED and UNVERIFIABLE jobs of a link that nothing resolved: not retried or cancelled (they would have left
     * the state), and no later job of the same object (database, table, partition) has SUCCEEDED. Parameter: link.
     */
    static final String UNRESOLVED_FAILURES = "SELECT " + JOB_COLUMNS + " FROM replication_job f"
            + " WHERE f.link = ? AND f.state IN ('FAILED', 'UNVERIFIABLE') AND NOT EXISTS (SELECT 1 FROM"
            + " replication_job s WHERE s.db_name = f.db_name AND s.table_name = f.table_name AND s.link = f.link"
            + " AND s.state = 'SUCCEEDED' AND s.partition_values = f.partition_values AND s.id > f.id) ORDER BY id";
    static final String READ_SCHEDULE = "SELECT deadline_ms, lease_owner, lease_expires_at_ms, fencing_token"
            + " FROM replication_job WHERE id = ?";
    static final String READ_LEASE = "SELECT lease_owner, fencing_token FROM replication_job WHERE id = ?";
    /**
     * Extends every lease of one holder on jobs in flight; a lease reserved further (for a commit) keeps its expiry.
     * Parameters: new expiry, owner.
     */
    static final String RENEW_LEASES = "UPDATE replication_job SET lease_expires_at_ms = GREATEST(lease_expires_at_ms, ?)"
            + " WHERE lease_owner = ? AND state IN (" + inFlightStates() + ")";
    /**
     * Confirms one lease (holder, token, not expired) and extends it to at least the given expiry. Parameters: expiry,
     * id, owner, token, now. One row matched: held.
     */
    static final String RESERVE_LEASE = "UPDATE replication_job SET lease_expires_at_ms = GREATEST(lease_expires_at_ms, ?)"
            + " WHERE id = ? AND lease_owner = ? AND fencing_token = ? AND lease_expires_at_ms > ?";
    /** Jobs of a link in flight whose lease expired (or that never had one). Parameters: link, now. */
    static final String EXPIRED_LEASES = "SELECT " + JOB_COLUMNS + ", lease_owner, lease_expires_at_ms"
            + " FROM replication_job WHERE link = ? AND state IN (" + inFlightStates() + ")"
            + " AND lease_expires_at_ms < ? ORDER BY id";
    /** Jobs in flight one holder leases. Parameter: owner. */
    static final String HELD_LEASES = "SELECT " + JOB_COLUMNS + ", lease_owner, lease_expires_at_ms"
            + " FROM replication_job WHERE lease_owner = ? AND state IN (" + inFlightStates() + ") ORDER BY id";
    /**
     * Takes a job away from its lease holder. Parameters: state, updated_at_ms, last_error (null keeps it), id,
     * expected version, then either an expiry bound (the lease ended before it) or, for a release, the owner.
     */
    static final String TAKE_OVER_EXPIRED = "UPDATE replication_job SET state = ?, version = version + 1,"
            + " updated_at_ms = ?, last_error = COALESCE(?, last_error), lease_owner = '', lease_expires_at_ms = 0,"
            + " fencing_token = fencing_token + 1 WHERE id = ? AND version = ? AND lease_expires_at_ms < ?";
    static final String RELEASE_HELD = "UPDATE replication_job SET state = ?, version = version + 1,"
            + " updated_at_ms = ?, last_error = COALESCE(?, last_error), lease_owner = '', lease_expires_at_ms = 0,"
            + " fencing_token = fencing_token + 1 WHERE id = ? AND version = ? AND lease_owner = ?";

    /**
     * Older waiting jobs of the same link and object as a new job that the new one covers (coalescing), by exact key
     * on the lock index (a cost independent of the table's backlog): a new drop
     * covers every older job of its object; a new sync covers older syncs only, never a drop (a table dropped and
     * created again, e.g. with other partition keys, must be dropped in the target first).
     */
    /**
     * The waiting jobs (PENDING, RETRY_WAIT; not renames) of one table's objects, locked, up to a job id: followed by
     * the partition labels' placeholders and {@link #WAITING_ON_OBJECTS_END}. The coalescing rule is applied to them
     * by the caller.
     */
    static final String WAITING_ON_OBJECTS = "SELECT id, version, state, kind, partition_label, partition_values"
            + " FROM replication_job FORCE INDEX (ix_replication_job_lock) WHERE link = ? AND db_name = ?"
            + " AND table_name = ? AND partition_label IN (";
    static final String WAITING_ON_OBJECTS_END = ") AND state IN ('PENDING', 'RETRY_WAIT') AND id <= ?"
            + " AND kind <> 'RENAME_TABLE' ORDER BY id FOR UPDATE";
    static final String SUPERSEDE_PENDING = "UPDATE replication_job SET state = 'SUPERSEDED', version = version + 1,"
            + " updated_at_ms = ? WHERE id = ? AND version = ? AND state IN ('PENDING', 'RETRY_WAIT')";

    static final String INSERT_TRANSITION = "INSERT INTO job_transition (job_id, from_state, to_state, new_version,"
            + " reason, at_ms) VALUES (?, ?, ?, ?, ?, ?)";
    static final String HISTORY = "SELECT job_id, from_state, to_state, new_version, reason, at_ms"
            + " FROM job_transition WHERE job_id = ? ORDER BY id";

    static final String SAVE_PLAN = "UPDATE replication_job SET plan_json = ?, updated_at_ms = ? WHERE id = ?";
    static final String READ_PLAN = "SELECT plan_json FROM replication_job WHERE id = ?";
    static final String DELETE_MANIFEST = "DELETE FROM file_manifest WHERE job_id = ?";
    static final String DELETE_TASKS = "DELETE FROM copy_task WHERE job_id = ?";
    /** A plain (non-locking) read: which jobs ({ids}: their placeholders) have an earlier plan's tasks or files? */
    static final String JOBS_WITH_PLANNED_FILES = "SELECT DISTINCT job_id FROM copy_task WHERE job_id IN ({ids})"
            + " UNION SELECT DISTINCT job_id FROM file_manifest WHERE job_id IN ({ids})";
    static final String INSERT_TASK = "INSERT INTO copy_task (job_id, task_index, state, file_count, total_bytes,"
            + " updated_at_ms) VALUES (?, ?, 'PENDING', ?, ?, ?)";
    static final String INSERT_FILE = "INSERT INTO file_manifest (job_id, task_index, relative_path, size_bytes,"
            + " modification_time_ms, verification, detail, updated_at_ms) VALUES (?, ?, ?, ?, ?, 'PENDING', '', ?)";
    static final String RECORD_TASK = "UPDATE copy_task SET state = ?, updated_at_ms = ?"
            + " WHERE job_id = ? AND task_index = ?";

    private JobSql() {
    }

    /** States of a job some process is running (leased): PLANNED to COMMITTED. */
    static String inFlightStates() {
        return JdbcJobLeases.IN_FLIGHT.stream().map(state -> "'" + state.name() + "'")
                .collect(Collectors.joining(", "));
    }

    static String settledStates() {
        return Arrays.stream(JobState.values()).filter(JobState::isSettled)
                .map(state -> "'" + state.name() + "'").collect(Collectors.joining(", "));
    }
}
