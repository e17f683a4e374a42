package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StraitParametersTest {
    @ParameterizedTest(name = "{0} ignored: {1}")
    @CsvSource({
            "strait.source.region,    true",
            "strait.source.event-id,  true",
            "strait.source.location,  true",
            "strait.replicated-at,    true",
            "strait.anything-new,     true",
            "transient_lastDdlTime,   true",
            "last_modified_time,      true",
            "last_modified_by,        true",
            "numFiles,                false",
            "numFilesErasureCoded,    false",
            "totalSize,               false",
            "numRows,                 false",
            "rawDataSize,             false",
            "COLUMN_STATS_ACCURATE,   false",
            "external.table.purge,    false",
            "TRANSLATED_TO_EXTERNAL,  false",
            "EXTERNAL,                false",
            "comment,                 false",
            "parquet.compression,     false",
            "straitjacket,            false",
            "STRAIT.source.region,    false",
            "numfiles,                false",
    })
    void reconcileIgnoresOnlyStraitsOwnAndTheMetastoreSetParameters(String key, boolean ignored) {
        assertThat(StraitParameters.isIgnoredByReconcile(key)).isEqualTo(ignored);
    }

    @Test
    void theParametersStraitWritesAreItsOwn() {
        assertThat(StraitParameters.SOURCE_REGION).startsWith(StraitParameters.PREFIX);
        assertThat(StraitParameters.SOURCE_EVENT_ID).startsWith(StraitParameters.PREFIX);
        assertThat(StraitParameters.SOURCE_LOCATION).startsWith(StraitParameters.PREFIX);
        assertThat(StraitParameters.REPLICATED_AT).startsWith(StraitParameters.PREFIX);
    }

    @Test
    void comparableKeepsOnlyComparedParametersSorted() {
        Map<String, String> parameters = Map.of(
                "EXTERNAL", "TRUE",
                "comment", "orders",
                "transient_lastDdlTime", "1700000000",
                "numRows", "42",
                StraitParameters.SOURCE_EVENT_ID, "17",
                "parquet.compression", "SNAPPY");
        assertThat(StraitParameters.comparable(parameters)).containsExactly(
                Map.entry("EXTERNAL", "TRUE"),
                Map.entry("comment", "orders"),
                Map.entry("numRows", "42"),
                Map.entry("parquet.compression", "SNAPPY"));
    }

    @Test
    void aSourceAndItsReplicaCompareEqualDespiteMetastoreSetAndStraitParameters() {
        Map<String, String> source = Map.of("EXTERNAL", "TRUE", "numFiles", "3", "transient_lastDdlTime", "1");
        Map<String, String> replica = Map.of("EXTERNAL", "TRUE", "numFiles", "3", "transient_lastDdlTime", "2",
                StraitParameters.SOURCE_REGION, "us-east", StraitParameters.SOURCE_EVENT_ID, "9");
        assertThat(StraitParameters.comparable(replica)).isEqualTo(StraitParameters.comparable(source));
    }

    @Test
    void statisticsAreComparedSoADifferentRowCountIsSeen() {
        Map<String, String> source = Map.of("numRows", "3");
        Map<String, String> replica = Map.of("numRows", "4");
        assertThat(StraitParameters.comparable(replica)).isNotEqualTo(StraitParameters.comparable(source));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({
            "42,          42",
            "0,           0",
            "9223372036854775807, 9223372036854775807",
            "not-a-number, -1",
            "'',          -1",
            "4.2,         -1",
    })
    void sourceEventIdIsReadFromTheReplica(String value, long expected) {
        assertThat(StraitParameters.sourceEventId(Map.of(StraitParameters.SOURCE_EVENT_ID, value)))
                .isEqualTo(expected);
    }

    @Test
    void anObjectNotWrittenByStraitHasNoSourceEventId() {
        assertThat(StraitParameters.sourceEventId(Map.of("EXTERNAL", "TRUE"))).isEqualTo(-1);
    }
}
