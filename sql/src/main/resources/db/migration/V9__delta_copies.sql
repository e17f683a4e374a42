-- Delta copies (docs/OPERATIONS.md, "Delta copies"): a file of a new version taken from the object's previous version
-- inside the target region (hard link, intra-cluster copy) instead of being sent across regions. reused = 1 marks
-- it; the bytes a job sent are the bytes_copied of its VERIFIED files with reused = 0. (The newest SUCCEEDED job of
-- an object, the version a delta copy starts from, is found through ix_replication_job_lock of V7.)
ALTER TABLE file_manifest
  ADD COLUMN reused TINYINT(1) NOT NULL DEFAULT 0;
