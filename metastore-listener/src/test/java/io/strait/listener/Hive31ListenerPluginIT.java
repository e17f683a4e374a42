package io.strait.listener;

import io.strait.embedded.MetastoreLine;

/** {@link ListenerCaptureContract} in a real Hive Metastore 3.1.3 process. */
class Hive31ListenerPluginIT extends ListenerCaptureContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_3_1;
    }
}
