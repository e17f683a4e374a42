package io.strait.regionio;

import io.strait.embedded.MetastoreLine;

/** The gateway's calls against a real Hive Metastore 3.1.3 process (the 4.0.1 client falls back to 3.1's calls). */
class ThriftMetastoreGatewayHive31IT extends ThriftMetastoreGatewayContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_3_1;
    }
}
