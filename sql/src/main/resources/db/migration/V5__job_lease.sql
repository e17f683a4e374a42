-- Leases and fencing of running jobs (docs/JOB_STATE_MACHINE.md, "Leases, fencing and takeover").
-- lease_owner: the process (host:pid:uuid) that runs the job; '' when nobody does (the job is not in flight).
-- lease_expires_at_ms: when the lease ends unless its holder renews it (heartbeat); 0 when nobody holds it. A job in
-- flight whose lease has expired is taken over by any process (RETRY_WAIT, or SUCCEEDED once COMMITTED).
-- fencing_token: grows on every claim and every takeover; a transition of a job in flight must carry the holder's
-- owner and token, so a process whose lease was taken over can no longer move the job.
ALTER TABLE replication_job
  ADD COLUMN lease_owner VARCHAR(255) NOT NULL DEFAULT '',
  ADD COLUMN lease_expires_at_ms BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN fencing_token BIGINT NOT NULL DEFAULT 0,
  ADD KEY ix_replication_job_lease (lease_owner, state),
  ADD KEY ix_replication_job_lease_expiry (link, lease_expires_at_ms);
