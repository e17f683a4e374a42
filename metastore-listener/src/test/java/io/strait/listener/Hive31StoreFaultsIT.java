package io.strait.listener;

import io.strait.embedded.MetastoreLine;

/** {@link StoreFaultsContract} in a real Hive Metastore 3.1.3 process. */
class Hive31StoreFaultsIT extends StoreFaultsContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_3_1;
    }
}
