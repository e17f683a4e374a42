-- A RENAME_TABLE job renames the target replica in place: db_name and table_name hold the new name, renamed_from_db
-- and renamed_from_table the previous one (empty for every other kind). The job locks both names in the job DAG;
-- ix_replication_job_renamed_from finds the unsettled renames that lock an object by its previous name.
ALTER TABLE replication_job
  ADD COLUMN renamed_from_db VARCHAR(128) NOT NULL DEFAULT '',
  ADD COLUMN renamed_from_table VARCHAR(256) NOT NULL DEFAULT '',
  ADD KEY ix_replication_job_renamed_from (link, renamed_from_db, renamed_from_table, state);
