package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

/** Which answers mark a Hive Metastore 3.1 server (the gateway then sends it the calls both lines serve). */
class Hive3CompatibleClientTest {
    @Test
    void onlyAnInvalidMethodNameAnswerMarksAnOlderServer() {
        assertThat(Hive3CompatibleClient.isUnknownMethod(new TApplicationException(
                TApplicationException.UNKNOWN_METHOD, "Invalid method name: 'get_database_req'"))).isTrue();
        assertThat(Hive3CompatibleClient.isUnknownMethod(new TApplicationException(
                TApplicationException.INTERNAL_ERROR, "Internal error processing get_database_req"))).isFalse();
        assertThat(Hive3CompatibleClient.isUnknownMethod(new NoSuchObjectException("default"))).isFalse();
        assertThat(Hive3CompatibleClient.isUnknownMethod(new MetaException("Invalid method name"))).isFalse();
        assertThat(Hive3CompatibleClient.isUnknownMethod(new TTransportException("connection reset"))).isFalse();
    }
}
