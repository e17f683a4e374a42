-- Freshness per partition and link, written in the transaction that records a partition job's success: the newest
-- source event applied to the replica partition, when it was captured in the source and when it was committed in
-- the target. A dropped partition's row is deleted, and so are a dropped table's rows. partition_values is a JSON
-- array of strings, partition_label shows them joined by '/', partition_hash is SHA-256 of partition_values (the
-- key: labels can be longer than an index allows).
CREATE TABLE partition_watermark (
  link VARCHAR(128) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL,
  partition_hash BINARY(32) NOT NULL,
  partition_values TEXT NOT NULL,
  partition_label VARCHAR(1024) NOT NULL,
  last_source_event_id BIGINT NOT NULL,
  last_source_captured_at_ms BIGINT NOT NULL,
  last_committed_at_ms BIGINT NOT NULL,
  PRIMARY KEY (link, db_name, table_name, partition_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
