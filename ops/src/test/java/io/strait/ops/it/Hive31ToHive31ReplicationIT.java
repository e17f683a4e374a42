package io.strait.ops.it;

import io.strait.embedded.MetastoreLine;

/** {@link CrossVersionReplicationContract}: Hive Metastore 3.1.3 to 3.1.3. */
class Hive31ToHive31ReplicationIT extends CrossVersionReplicationContract {
    @Override
    MetastoreLine sourceLine() {
        return MetastoreLine.HIVE_3_1;
    }

    @Override
    MetastoreLine targetLine() {
        return MetastoreLine.HIVE_3_1;
    }
}
