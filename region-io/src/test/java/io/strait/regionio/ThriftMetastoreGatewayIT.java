package io.strait.regionio;

import io.strait.embedded.MetastoreLine;

/** The gateway's calls against a real Hive Metastore 4.0.1 process (region B, started with EmbeddedRegion). */
class ThriftMetastoreGatewayIT extends ThriftMetastoreGatewayContract {
    @Override
    MetastoreLine line() {
        return MetastoreLine.HIVE_4_0;
    }
}
