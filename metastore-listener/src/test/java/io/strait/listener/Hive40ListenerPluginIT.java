package io.strait.listener;

import io.strait.embedded.MetastoreLine;

/** {@link ListenerCaptureContract} in a real Hive Metastore 4.0.1 process. */
class Hive40ListenerPluginIT extends ListenerCaptureContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_4_0;
    }
}
