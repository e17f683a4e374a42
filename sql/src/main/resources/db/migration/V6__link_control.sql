-- Operator control of a link's dispatch (strait pause / strait resume): while a link is paused its cycle still
-- plans new events into jobs, but starts none. One row per link that was ever paused; every process of the Quartz
-- cluster reads it before it dispatches. changed_by and reason record the operator's last action.
CREATE TABLE link_control (
  link VARCHAR(128) NOT NULL PRIMARY KEY,
  paused TINYINT(1) NOT NULL,
  changed_by VARCHAR(128) NOT NULL,
  reason VARCHAR(2048) NOT NULL DEFAULT '',
  changed_at_ms BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
