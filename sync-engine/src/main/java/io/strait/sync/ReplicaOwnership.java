package io.strait.sync;

import io.strait.common.metastore.StraitParameters;
import io.strait.common.publish.PublishContext;
import java.util.Map;

/**
 * Whether an existing replica object may be changed by a publish, decided from the Strait parameters it carries.
 * A pure function: the rules of {@link io.strait.common.publish.ReplicaPublisher} in one place.
 */
public enum ReplicaOwnership {
    /** Not written by Strait from the publishing source region: never altered or dropped. */
    FOREIGN,
    /**
     * Written by Strait from this source with a source event id newer than the publish's, or equal to it for an
     * event job (a repeat): leave it.
     */
    CURRENT,
    /**
     * Written by Strait from this source with an older source event id, or with the same one when the publish is a
     * repair or a bootstrap ({@link io.strait.common.job.JobOrigin#republishesSameEvent()}): the publish may replace
     * it. A repair carries the link's event position when it was planned, which a corrupted replica of the newest
     * event already records; an event job planned later on the same object runs after the repair (the job DAG keeps
     * id order) and is skipped here when its event is not newer, so nothing is applied twice.
     */
    OUTDATED;

    public static ReplicaOwnership of(Map<String, String> replicaParameters, PublishContext context) {
        String sourceRegion = replicaParameters.get(StraitParameters.SOURCE_REGION);
        if (!context.sourceRegion().name().equals(sourceRegion)) {
            return FOREIGN;
        }
        long recorded = StraitParameters.sourceEventId(replicaParameters);
        boolean replaceable = recorded < context.sourceEventId()
                || (recorded == context.sourceEventId() && context.origin().republishesSameEvent());
        return replaceable ? OUTDATED : CURRENT;
    }
}
