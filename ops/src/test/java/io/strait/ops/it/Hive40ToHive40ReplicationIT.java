package io.strait.ops.it;

import io.strait.embedded.MetastoreLine;

/** {@link CrossVersionReplicationContract}: Hive Metastore 4.0.1 to 4.0.1. */
class Hive40ToHive40ReplicationIT extends CrossVersionReplicationContract {
    @Override
    MetastoreLine sourceLine() {
        return MetastoreLine.HIVE_4_0;
    }

    @Override
    MetastoreLine targetLine() {
        return MetastoreLine.HIVE_4_0;
    }
}
