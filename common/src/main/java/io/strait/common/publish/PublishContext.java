package io.strait.common.publish;

import io.strait.common.region.RegionId;
import java.util.Objects;

/** Who publishes and why: written into the replica's Strait parameters. */
public record PublishContext(RegionId sourceRegion, long jobId, long sourceEventId, long replicatedAtMillis) {
    public PublishContext {
        Objects.requireNonNull(sourceRegion, "sourceRegion");
    }
}
