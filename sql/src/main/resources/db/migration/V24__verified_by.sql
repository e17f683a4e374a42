-- How each VERIFIED file of a manifest was verified (docs/modules/sync-engine.md, "Delta copies"): TARGET_REREAD (an
-- independent re-read of the closed target), STORED_CHECKSUMS (HDFS composite CRC32C of both sides) or SAME_FILE (a
-- reused file that is the previous version's verified file itself: a hard link with its device and inode, unchanged
-- since that file was recorded verified). Empty for files not verified, and for rows written before this column.
ALTER TABLE file_manifest
  ADD COLUMN verified_by VARCHAR(16) NOT NULL DEFAULT '';
