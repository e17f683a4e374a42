-- Housekeeping deletes the per-object order records older than the event retention: an index on their age keeps
-- each batch of that delete from scanning the whole table.
ALTER TABLE planned_object_order ADD KEY ix_planned_object_order_age (planned_at_ms);
