-- Several metastore processes per region, each with its own listener instance.
-- notification_id: the id the source metastore's notification log gave the change (Hive's DbNotificationListener as
-- a transactional listener), NULL when the source writes none. It follows the metastore's commit order across all
-- of the region's metastore processes.
ALTER TABLE hms_event
  ADD COLUMN notification_id BIGINT NULL,
  ADD KEY ix_hms_event_notification (source_region, notification_id);

-- The planner's cursor per listener instance and link: every event of the instance up to seq was planned (or is
-- recorded lost). Events beyond the link's id cursor (planner_cursor) are taken per instance as soon as they are
-- visible, so that one instance's slow write holds back only its own events.
CREATE TABLE planner_instance_cursor (
  link VARCHAR(128) NOT NULL,
  instance_id VARCHAR(190) NOT NULL,
  seq BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (link, instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The newest event planned per object and link (object_hash: SHA-256 of database, table and partition values):
-- an event of the object older than it (by notification id, else the object's transient_lastDdlTime, else capture
-- time) is covered and planned no job; source_position: the source event id the newest job was planned at.
CREATE TABLE planned_object_order (
  link VARCHAR(128) NOT NULL,
  object_hash CHAR(64) NOT NULL,
  object_name VARCHAR(1024) NOT NULL,
  notification_id BIGINT NOT NULL,
  object_version BIGINT NOT NULL,
  captured_at_ms BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  source_position BIGINT NOT NULL,
  planned_at_ms BIGINT NOT NULL,
  PRIMARY KEY (link, object_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The notification-log cross-check of a region (regions.<name>.notification-log.cross-check): every notification id
-- of the source metastore up to checked_through was compared with the notification ids the listeners recorded; a
-- missing one was read back into hms_event (instance_id NULL) or, when it had expired from the log, recorded in
-- listener_event_loss (instance_id 'notification-log:<region>', the ids as first_seq..last_seq).
CREATE TABLE notification_cross_check (
  region VARCHAR(64) NOT NULL PRIMARY KEY,
  checked_through BIGINT NOT NULL,
  recovered INT NOT NULL DEFAULT 0,
  updated_at_ms BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
