-- Why a job exists: EVENT (planned from a captured event), REPAIR (strait reconcile --repair or a scheduled
-- reconcile's automatic repair) or BOOTSTRAP (strait bootstrap). A REPAIR or BOOTSTRAP job's source_event_id is the
-- link's event position when it was planned, and its source_captured_at_ms the time it was planned. Jobs created
-- before this migration were all planned from events.
ALTER TABLE replication_job ADD COLUMN origin VARCHAR(16) NOT NULL DEFAULT 'EVENT';
