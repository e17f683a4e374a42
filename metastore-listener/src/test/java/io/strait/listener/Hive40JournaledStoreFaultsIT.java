package io.strait.listener;

import io.strait.embedded.MetastoreLine;

/**
 * {@link StoreFaultsContract} in a real Hive Metastore 4.0.1 process whose listener acknowledges journaled: calls
 * through a frozen or refusing store, and a SIGKILL with events only in the journal, lose nothing.
 */
class Hive40JournaledStoreFaultsIT extends StoreFaultsContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_4_0;
    }

    @Override
    Acknowledgement acknowledgement() {
        return Acknowledgement.JOURNALED;
    }
}
