-- SLA alerts: one row per alert, raised when a table or partition of a link breaches (or is projected to breach)
-- the link's SLA and resolved once when that clears. open_key is the SHA-256 of (link, db, table, partition) while
-- the alert is open and NULL once it is resolved: the unique key allows one open alert per object, so evaluators in
-- several processes (or one evaluator run again) never raise a second alert for the same breach.
CREATE TABLE sla_alert (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  link VARCHAR(128) NOT NULL,
  db_name VARCHAR(128) NOT NULL,
  table_name VARCHAR(256) NOT NULL DEFAULT '',
  partition_label VARCHAR(1024) NOT NULL DEFAULT '',
  state VARCHAR(16) NOT NULL,
  open_key BINARY(32) NULL,
  sla_ms BIGINT NOT NULL,
  oldest_captured_at_ms BIGINT NOT NULL,
  lag_ms BIGINT NOT NULL,
  why VARCHAR(2048) NOT NULL DEFAULT '',
  raised_at_ms BIGINT NOT NULL,
  breached_at_ms BIGINT NOT NULL DEFAULT 0,
  resolved_at_ms BIGINT NOT NULL DEFAULT 0,
  UNIQUE KEY ux_sla_alert_open (open_key),
  KEY ix_sla_alert_link_state (link, state, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The delivery outbox: one row per alert message and webhook, written in the transaction that raised, escalated or
-- resolved the alert, and sent by a delivery executor apart from replication. A delivery that keeps failing stays
-- PENDING with its attempts and last error (never dropped). webhook_key is the SHA-256 of the webhook's URL (the
-- URL may hold a token and is not stored); target is its scheme, host and port, for display. claimed_by and
-- claim_until_ms keep two processes from sending the same row at once.
CREATE TABLE alert_delivery (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  alert_id BIGINT NOT NULL,
  alert_state VARCHAR(16) NOT NULL,
  webhook_key CHAR(64) NOT NULL,
  target VARCHAR(512) NOT NULL,
  body TEXT NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at_ms BIGINT NOT NULL,
  claimed_by VARCHAR(255) NOT NULL DEFAULT '',
  claim_until_ms BIGINT NOT NULL DEFAULT 0,
  last_error VARCHAR(2048) NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  delivered_at_ms BIGINT NOT NULL DEFAULT 0,
  KEY ix_alert_delivery_due (state, next_attempt_at_ms),
  KEY ix_alert_delivery_alert (alert_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
