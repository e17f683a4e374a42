-- Exactly once in the log: a listener instance's sequence number names one event, so hms_event keeps one row per
-- (instance_id, instance_seq). The listener writes with ON DUPLICATE KEY UPDATE: an event written again (replayed from
-- its spool after a write that timed out at the listener but committed in the store, or after a crash between a
-- replay and its spool offset update) keeps its first row and id. Rows without an instance (NULL: older listeners,
-- Strait's own appends) are not constrained.
-- Duplicates written before this version: the first row (smallest id) stays.
DELETE later_row FROM hms_event later_row
  JOIN hms_event first_row ON first_row.instance_id = later_row.instance_id
    AND first_row.instance_seq = later_row.instance_seq AND first_row.id < later_row.id;

ALTER TABLE hms_event
  DROP KEY ix_hms_event_instance,
  ADD UNIQUE KEY uq_hms_event_instance (instance_id, instance_seq);
