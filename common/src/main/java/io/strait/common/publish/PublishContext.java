package io.strait.common.publish;

import io.strait.common.job.JobOrigin;
import io.strait.common.region.RegionId;
import java.util.Objects;

/**
 * Who publishes and why: written into the replica's Strait parameters. The origin decides whether a replica that
 * already records this source event id may be rewritten ({@link JobOrigin#republishesSameEvent()}).
 */
public record PublishContext(RegionId sourceRegion, long jobId, long sourceEventId, long replicatedAtMillis,
        JobOrigin origin) {
    public PublishContext {
        Objects.requireNonNull(sourceRegion, "sourceRegion");
        Objects.requireNonNull(origin, "origin");
    }

    /** The publish of a job planned from a captured event. */
    public PublishContext(RegionId sourceRegion, long jobId, long sourceEventId, long replicatedAtMillis) {
        this(sourceRegion, jobId, sourceEventId, replicatedAtMillis, JobOrigin.EVENT);
    }
}
