package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which source tables Strait refuses to replicate, and what the reason tells the operator. */
class ReplicabilityTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");

    /** Table type, parameters, and the phrase naming what the table is (null: replicable). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("EXTERNAL_TABLE", Map.of("EXTERNAL", "TRUE"), null),
                Arguments.of("MANAGED_TABLE", Map.of(), null),
                Arguments.of("VIRTUAL_VIEW", Map.of(), null),
                Arguments.of("", Map.of(), null),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "false"), null),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", ""), null),
                Arguments.of("MANAGED_TABLE", Map.of("transactional_properties", "insert_only"), null),
                Arguments.of("EXTERNAL_TABLE", Map.of("storage_handler", ""), null),
                Arguments.of("EXTERNAL_TABLE", Map.of("storage_handler", "  "), null),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "true"), "an ACID (transactional) table"),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "TRUE"), "an ACID (transactional) table"),
                Arguments.of("MANAGED_TABLE", Map.of("TRANSACTIONAL", "True"), "an ACID (transactional) table"),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "true", "transactional_properties", "default"),
                        "an ACID (transactional) table"),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "true", "transactional_properties",
                        "insert_only"), "an insert-only ACID (transactional) table"),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "true", "transactional_properties",
                        "INSERT_ONLY"), "an insert-only ACID (transactional) table"),
                Arguments.of("MATERIALIZED_VIEW", Map.of(), "a materialized view"),
                Arguments.of("materialized_view", Map.of(), "a materialized view"),
                Arguments.of("MATERIALIZED_VIEW", Map.of("transactional", "true"), "a materialized view"),
                Arguments.of("EXTERNAL_TABLE", Map.of("storage_handler",
                        "org.apache.hadoop.hive.hbase.HBaseStorageHandler"),
                        "a non-native table (storage handler org.apache.hadoop.hive.hbase.HBaseStorageHandler)"),
                Arguments.of("MANAGED_TABLE", Map.of("transactional", "true", "storage_handler", "x.Handler"),
                        "an ACID (transactional) table"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void decidesByTypeAndParameters(String tableType, Map<String, String> parameters, String what) {
        Optional<String> reason = Replicability.whyNotReplicable(ORDERS, tableType, parameters, "us-to-eu");

        if (what == null) {
            assertThat(reason).isEmpty();
        } else {
            assertThat(reason).hasValueSatisfying(text -> assertThat(text)
                    .startsWith("Cannot replicate sales.orders: it is " + what)
                    .endsWith("Exclude it from link us-to-eu: add \"sales.orders\" to the link's exclude list"
                            + " (links[].exclude)."));
        }
    }

    @Test
    void theReasonForAnAcidTableIsOneSentenceOfWhatAndOneOfTheFix() {
        assertThat(Replicability.whyNotReplicable(ORDERS, "MANAGED_TABLE", Map.of("transactional", "true"), "l"))
                .contains("Cannot replicate sales.orders: it is an ACID (transactional) table, whose data Strait"
                        + " cannot copy as one consistent version. Exclude it from link l: add \"sales.orders\" to"
                        + " the link's exclude list (links[].exclude).");
    }

    @Test
    void aSnapshotIsJudgedByItsTypeAndParameters() {
        assertThat(Replicability.whyNotReplicable(snapshot("EXTERNAL_TABLE", Map.of("EXTERNAL", "TRUE")), "l"))
                .isEmpty();
        assertThat(Replicability.whyNotReplicable(snapshot("MANAGED_TABLE", Map.of("transactional", "true")), "l"))
                .hasValueSatisfying(text -> assertThat(text).contains("sales.orders", "ACID", "link l"));
        assertThat(Replicability.whyNotReplicable(snapshot("MATERIALIZED_VIEW", Map.of()), "l"))
                .hasValueSatisfying(text -> assertThat(text).contains("sales.orders", "materialized view"));
        assertThat(Replicability.whyNotReplicable(snapshot("VIRTUAL_VIEW", Map.of()), "l")).isEmpty();
    }

    /** The only place this test builds a snapshot (the record's shape is not what is tested here). */
    private static TableSnapshot snapshot(String tableType, Map<String, String> parameters) {
        return new TableSnapshot(ORDERS, tableType, "file:/a/sales.db/orders", List.of(), List.of(),
                StorageFormat.PARQUET, parameters, "etl");
    }

    @Test
    void absentTypeAndParametersAreReplicable() {
        assertThat(Replicability.whyNotReplicable(ORDERS, null, null, "l")).isEmpty();
    }
}
