package io.strait.common.publish;

import io.strait.common.metastore.PartitionRef;
import java.util.Objects;

/** One partition's drop in a batch of one table's: who drops it, and the partition. */
public record PartitionDrop(PublishContext context, PartitionRef partition) {
    public PartitionDrop {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(partition, "partition");
    }
}
