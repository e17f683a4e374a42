-- A claim whose link has tables at scheduler.table-concurrency (or locked whole by a table job) reads the PENDING
-- jobs of the link's other tables table by table: the tables with pending jobs come off this index by a loose index
-- scan (one read per table, whatever its backlog), and each table's jobs in deadline order off its own range, so a
-- full table's backlog is never read.
ALTER TABLE replication_job
  ADD KEY ix_replication_job_table_claim (link, state, db_name, table_name, deadline_ms, id);
