package io.strait.listener;

import io.strait.embedded.MetastoreLine;

/** {@link StoreFaultsContract} in a real Hive Metastore 4.0.1 process. */
class Hive40StoreFaultsIT extends StoreFaultsContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_4_0;
    }
}
