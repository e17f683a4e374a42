-- What each listener instance adds to its metastore's calls: the time its own work took inside the metastore's
-- callbacks over its recent window (15 minutes), as of its latest heartbeat. call_count 0: none measured yet, or a
-- listener too old to report it.
ALTER TABLE listener_instance
  ADD COLUMN call_count BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN call_p50_us BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN call_p99_us BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN call_max_us BIGINT NOT NULL DEFAULT 0;
