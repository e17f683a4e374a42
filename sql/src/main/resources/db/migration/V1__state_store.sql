-- Strait's state store. Times are epoch milliseconds in BIGINT columns named *_at_ms.
-- Names and paths compare byte for byte (utf8mb4_bin): paths are case-sensitive.

-- Captured metastore events, appended by the listener inside the source region's metastore (plain JDBC).
-- snapshot_json is the StraitJson encoding of io.strait.common.event.EventSnapshot.
CREATE TABLE hms_event (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  source_region VARCHAR(64) NOT NULL,
  event_type VARCHAR(32) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL DEFAULT '',
  partition_count INT NOT NULL DEFAULT 0,
  origin VARCHAR(16) NOT NULL DEFAULT 'writer',
  captured_at_ms BIGINT NOT NULL,
  recorded_at_ms BIGINT NOT NULL,
  snapshot_json MEDIUMTEXT NOT NULL,
  KEY ix_hms_event_region_id (source_region, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One job per (link, object, generation): a finite-state machine changed only by compare-and-set on
-- (id, state, version). partition_values is a JSON array of strings; partition_label shows them joined by '/'.
CREATE TABLE replication_job (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  link VARCHAR(128) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL DEFAULT '',
  partition_values TEXT NOT NULL,
  partition_label VARCHAR(1024) NOT NULL DEFAULT '',
  state VARCHAR(16) NOT NULL,
  version BIGINT NOT NULL,
  source_event_id BIGINT NOT NULL,
  source_captured_at_ms BIGINT NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  target_location VARCHAR(2048) NOT NULL DEFAULT '',
  last_error TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  committed_at_ms BIGINT NOT NULL DEFAULT 0,
  plan_json MEDIUMTEXT NULL,
  KEY ix_replication_job_link_state (link, state, id),
  KEY ix_replication_job_object (db_name, table_name, link, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The audit trail of every job: one row per transition, written in the transaction of the compare-and-set.
-- from_state is NULL on the first row (the job's creation in PENDING at version 0).
CREATE TABLE job_transition (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  job_id BIGINT NOT NULL,
  from_state VARCHAR(16) NULL,
  to_state VARCHAR(16) NOT NULL,
  new_version BIGINT NOT NULL,
  reason VARCHAR(2048) NOT NULL DEFAULT '',
  at_ms BIGINT NOT NULL,
  KEY ix_job_transition_job (job_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The copy tasks of a job's current plan (replaced when the job is planned again).
CREATE TABLE copy_task (
  job_id BIGINT NOT NULL,
  task_index INT NOT NULL,
  state VARCHAR(16) NOT NULL,
  file_count INT NOT NULL,
  total_bytes BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (job_id, task_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The file manifest of a job's current plan with each file's copy result (replaced when the job is planned
-- again). task_index is -1 for a planned file that no copy task carries. Paths (up to 4096 characters) are
-- longer than an index key, so uniqueness is on the SHA-256 of the path.
CREATE TABLE file_manifest (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  job_id BIGINT NOT NULL,
  task_index INT NOT NULL,
  relative_path VARCHAR(4096) NOT NULL,
  path_hash BINARY(32) AS (UNHEX(SHA2(relative_path, 256))) STORED,
  size_bytes BIGINT NOT NULL,
  modification_time_ms BIGINT NOT NULL,
  bytes_copied BIGINT NOT NULL DEFAULT 0,
  source_checksum VARCHAR(128) NOT NULL DEFAULT '',
  target_checksum VARCHAR(128) NOT NULL DEFAULT '',
  verification VARCHAR(16) NOT NULL,
  detail TEXT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  UNIQUE KEY ux_file_manifest_job_path (job_id, path_hash),
  KEY ix_file_manifest_job_verification (job_id, verification)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The id of the last event the planner turned into jobs, per link.
CREATE TABLE planner_cursor (
  link VARCHAR(128) NOT NULL PRIMARY KEY,
  last_event_id BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Freshness per table and link: the newest source event applied to the replica and when it was committed.
CREATE TABLE table_watermark (
  link VARCHAR(128) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL,
  last_source_event_id BIGINT NOT NULL,
  last_committed_at_ms BIGINT NOT NULL,
  PRIMARY KEY (link, db_name, table_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per reconcile of one table between two regions.
CREATE TABLE reconcile_scan (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  source_region VARCHAR(64) NOT NULL,
  target_region VARCHAR(64) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL,
  started_at_ms BIGINT NOT NULL,
  finished_at_ms BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  objects_checked INT NOT NULL,
  files_checked BIGINT NOT NULL,
  divergence_count INT NOT NULL,
  error TEXT NOT NULL,
  KEY ix_reconcile_scan_table (source_region, target_region, db_name, table_name, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The divergences a scan found. partition_values is a JSON array of strings.
CREATE TABLE divergence (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  scan_id BIGINT NOT NULL,
  divergence_class VARCHAR(32) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL,
  partition_values TEXT NOT NULL,
  relative_path VARCHAR(4096) NOT NULL DEFAULT '',
  detail TEXT NOT NULL,
  KEY ix_divergence_scan (scan_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
