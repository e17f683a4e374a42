-- Claims across processes (docs/JOB_STATE_MACHINE.md, "Claims across processes").
-- deadline_ms: when the job's change must be applied in the target, the capture time of its source change plus the
-- link's SLA (links[].sla); runnable jobs of every link a process serves are claimed earliest deadline first. Jobs
-- created before this migration get the default SLA of 4 hours.
-- ix_replication_job_claim: the claim's scan of PENDING jobs in deadline order (SELECT ... FOR UPDATE SKIP LOCKED).
-- ix_replication_job_lock: the DAG check of one candidate against the unsettled jobs on its object (its database,
-- its table, its partition), an index lookup whatever the backlog.
ALTER TABLE replication_job
  ADD COLUMN deadline_ms BIGINT NOT NULL DEFAULT 0,
  ADD KEY ix_replication_job_claim (state, deadline_ms, id),
  ADD KEY ix_replication_job_lock (link, db_name, table_name, partition_label(191), state);
UPDATE replication_job SET deadline_ms = source_captured_at_ms + 14400000;
