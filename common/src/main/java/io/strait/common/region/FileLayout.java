package io.strait.common.region;

/**
 * How a filesystem lays out a file's bytes where it has such a notion (HDFS): block size and replication. Zero
 * means "the filesystem's default". Read from a source file ({@link RegionFileSystem#layout}) and given to the
 * target's {@link RegionFileSystem#create(String, FileLayout)}, so a copy keeps the source's layout unless the
 * target region overrides it.
 *
 * @param blockSizeBytes the block size in bytes, 0 for the filesystem's default
 * @param replication the number of replicas, 0 for the filesystem's default
 */
public record FileLayout(long blockSizeBytes, int replication) {
    /** The filesystem's defaults. */
    public static final FileLayout DEFAULT = new FileLayout(0, 0);

    public FileLayout {
        if (blockSizeBytes < 0) {
            throw new IllegalArgumentException("blockSizeBytes must be >= 0: " + blockSizeBytes);
        }
        if (replication < 0 || replication > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication must be in 0.." + Short.MAX_VALUE + ": " + replication);
        }
    }

    /** True when both values are the filesystem's defaults. */
    public boolean isDefault() {
        return blockSizeBytes == 0 && replication == 0;
    }

    /** This layout with each value {@code overrides} sets (non-zero) taking its place. */
    public FileLayout overriddenBy(FileLayout overrides) {
        return new FileLayout(overrides.blockSizeBytes != 0 ? overrides.blockSizeBytes : blockSizeBytes,
                overrides.replication != 0 ? overrides.replication : replication);
    }
}
