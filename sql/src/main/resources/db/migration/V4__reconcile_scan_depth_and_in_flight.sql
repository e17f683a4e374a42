-- Reconcile depths and consistent cuts (reparo).
-- depth: how deep the scan looked: META (metadata only), FILES (listings and the checksums recorded at copy time),
-- BYTES (every byte read); scans recorded before depths existed read every byte.
-- in_flight_count: objects the scan found with replication work in flight; they are stored as divergence rows of
-- class IN_FLIGHT but are not divergences, so divergence_count does not count them.
ALTER TABLE reconcile_scan
  ADD COLUMN depth VARCHAR(8) NOT NULL DEFAULT 'BYTES',
  ADD COLUMN in_flight_count INT NOT NULL DEFAULT 0;
