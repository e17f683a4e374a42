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
    /** Written by Strait from this source with a source event id at least as new as the publish's: leave it. */
    CURRENT,
    /** Written by Strait from this source with an older source event id: the publish may replace it. */
    OUTDATED;

    public static ReplicaOwnership of(Map<String, String> replicaParameters, PublishContext context) {
        String sourceRegion = replicaParameters.get(StraitParameters.SOURCE_REGION);
        if (!context.sourceRegion().name().equals(sourceRegion)) {
            return FOREIGN;
        }
        return StraitParameters.sourceEventId(replicaParameters) >= context.sourceEventId() ? CURRENT : OUTDATED;
    }
}
