-- Listener instances: each metastore process's listener stamps its events with its identity and its own gap-free
-- sequence number, and reports on itself here (a heartbeat while idle), so that a reader knows which events may
-- still come and which never will.
ALTER TABLE hms_event
  ADD COLUMN instance_id VARCHAR(190) NULL,
  ADD COLUMN instance_seq BIGINT NULL,
  ADD KEY ix_hms_event_instance (instance_id, instance_seq);

-- One row per listener instance (host:pid:uuid, one per metastore process start).
-- latest_seq: the greatest sequence number handed out; spooled_from_seq: the smallest own number still in the
-- spool (0: none); spool_depth: events in the spool; spooled_tables: their objects, one per line (at most 200);
-- horizon_event_id: the greatest committed hms_event id read while the instance had no write in flight.
-- stopped_at_ms: a clean stop (clean_stop = 1) or a successor's start in the same spool folder (replaced_by);
-- spool_lost_at_ms: the successor found another spool id there (the spool was destroyed).
-- checked_through_seq: the loss check's progress (every number up to it is in hms_event or in listener_event_loss).
CREATE TABLE listener_instance (
  instance_id VARCHAR(190) NOT NULL PRIMARY KEY,
  region VARCHAR(64) NOT NULL,
  version VARCHAR(64) NOT NULL DEFAULT '',
  host VARCHAR(255) NOT NULL DEFAULT '',
  spool_directory VARCHAR(1024) NOT NULL DEFAULT '',
  spool_id VARCHAR(64) NOT NULL DEFAULT '',
  started_at_ms BIGINT NOT NULL,
  last_contact_at_ms BIGINT NOT NULL,
  latest_seq BIGINT NOT NULL DEFAULT 0,
  spooled_from_seq BIGINT NOT NULL DEFAULT 0,
  spool_depth INT NOT NULL DEFAULT 0,
  spooled_tables TEXT NOT NULL,
  horizon_event_id BIGINT NOT NULL DEFAULT 0,
  stopped_at_ms BIGINT NOT NULL DEFAULT 0,
  clean_stop TINYINT NOT NULL DEFAULT 0,
  replaced_by VARCHAR(190) NOT NULL DEFAULT '',
  spool_lost_at_ms BIGINT NOT NULL DEFAULT 0,
  checked_through_seq BIGINT NOT NULL DEFAULT 0,
  KEY ix_listener_instance_region (region, last_contact_at_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Events that will never reach hms_event: sequence numbers first_seq..last_seq of an instance (last_seq NULL:
-- every event it captured after first_seq - 1, count unknown: spooled after its last contact, then destroyed).
-- tables: the objects concerned, one per line; empty when unknown (then the whole region needs a scan).
CREATE TABLE listener_event_loss (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  instance_id VARCHAR(190) NOT NULL,
  region VARCHAR(64) NOT NULL,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NULL,
  tables TEXT NOT NULL,
  reason VARCHAR(1024) NOT NULL,
  detected_at_ms BIGINT NOT NULL,
  UNIQUE KEY uq_listener_event_loss (instance_id, first_seq),
  KEY ix_listener_event_loss_region (region, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which lost events a link has planned a repair for (a scan of their tables, then REPAIR jobs): one row per loss
-- and link, written after the jobs were created.
CREATE TABLE listener_event_loss_repair (
  loss_id BIGINT NOT NULL,
  link VARCHAR(128) NOT NULL,
  jobs INT NOT NULL,
  planned_at_ms BIGINT NOT NULL,
  PRIMARY KEY (loss_id, link)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
