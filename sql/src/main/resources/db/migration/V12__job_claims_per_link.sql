-- Claims read each served link's PENDING jobs in deadline order on their own (docs/JOB_STATE_MACHINE.md, "Claims
-- across processes"): a large backlog of a link a process does not serve must not slow its claims.
ALTER TABLE replication_job
  ADD KEY ix_replication_job_link_claim (link, state, deadline_ms, id),
  DROP KEY ix_replication_job_claim;
