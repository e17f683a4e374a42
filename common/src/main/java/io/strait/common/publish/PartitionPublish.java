package io.strait.common.publish;

import io.strait.common.metastore.PartitionSnapshot;
import java.util.Objects;

/** One partition's publish in a batch of one table's: who publishes, the source partition and its version folder. */
public record PartitionPublish(PublishContext context, PartitionSnapshot sourcePartition, String versionFolder) {
    public PartitionPublish {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sourcePartition, "sourcePartition");
        if (versionFolder == null || versionFolder.isEmpty()) {
            throw new IllegalArgumentException("a partition is published into a version folder; none given for "
                    + sourcePartition.ref());
        }
    }
}
