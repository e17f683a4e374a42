package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SnapshotTranslatorTest {
    private static final StorageFormat PARQUET = new StorageFormat(ThriftObjects.PARQUET_INPUT,
            ThriftObjects.PARQUET_OUTPUT, ThriftObjects.PARQUET_SERDE, Map.of("serialization.format", "1"));
    private final SnapshotTranslator translator = new SnapshotTranslator();

    static Stream<Arguments> locations() {
        return Stream.of(
                Arguments.of("file:///data/a/sales.db/orders", "file:/data/a/sales.db/orders"),
                Arguments.of("file:/data/a/sales.db/orders/", "file:/data/a/sales.db/orders"),
                Arguments.of("hdfs://nn:8020/warehouse/orders", "hdfs://nn:8020/warehouse/orders"),
                Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void writesTableLocationsInCanonicalSpelling(String metastoreLocation, String expected) {
        Table table = ThriftObjects.partitionedTable("sales", "orders", metastoreLocation, Map.of());

        assertThat(translator.table(table).location()).isEqualTo(expected);
    }

    @Test
    void carriesEveryPartOfATable() {
        Table table = ThriftObjects.partitionedTable("sales", "orders", "file:///data/a/orders", Map.of("k", "v"));

        TableSnapshot snapshot = translator.table(table);

        assertThat(snapshot).isEqualTo(new TableSnapshot(TableRef.of("sales", "orders"), "EXTERNAL_TABLE",
                "file:/data/a/orders",
                List.of(new ColumnSpec("id", "bigint", "row id"), new ColumnSpec("amount", "double", "")),
                List.of(ColumnSpec.of("ds", "string")), PARQUET, Map.of("k", "v", "EXTERNAL", "TRUE"), "etl"));
    }

    @Test
    void aViewWithoutStorageBecomesEmptyValues() {
        Table view = new Table();
        view.setDbName("sales");
        view.setTableName("recent");
        view.setTableType("VIRTUAL_VIEW");

        TableSnapshot snapshot = translator.table(view);

        assertThat(snapshot.location()).isEmpty();
        assertThat(snapshot.columns()).isEmpty();
        assertThat(snapshot.partitionKeys()).isEmpty();
        assertThat(snapshot.storage()).isEqualTo(new StorageFormat("", "", "", Map.of()));
        assertThat(snapshot.parameters()).isEmpty();
        assertThat(snapshot.owner()).isEmpty();
    }

    @Test
    void dropsParameterEntriesWithoutAValue() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("kept", "1");
        parameters.put("dropped", null);
        Table table = ThriftObjects.partitionedTable("sales", "orders", "file:/a", Map.of());
        table.setParameters(parameters);

        assertThat(translator.table(table).parameters()).isEqualTo(Map.of("kept", "1"));
    }

    @Test
    void carriesAPartitionsValuesLocationStorageAndParameters() {
        Table table = ThriftObjects.partitionedTable("sales", "orders", "file:///data/a/orders", Map.of());
        Partition partition = ThriftObjects.partition(table, "2024-01-01", Map.of("numFiles", "3"));

        PartitionSnapshot snapshot = translator.partition(TableRef.of("sales", "orders"), partition);

        assertThat(snapshot.ref().values()).containsExactly("2024-01-01");
        assertThat(snapshot.ref().table()).isEqualTo(TableRef.of("sales", "orders"));
        assertThat(snapshot.location()).isEqualTo("file:/data/a/orders/ds=2024-01-01");
        assertThat(snapshot.storage()).isEqualTo(PARQUET);
        assertThat(snapshot.parameters()).isEqualTo(Map.of("numFiles", "3"));
    }

    @Test
    void carriesADatabase() {
        Database database = ThriftObjects.database("sales", "file:///data/a/sales.db", Map.of("team", "finance"));

        DatabaseSnapshot snapshot = translator.database(database);

        assertThat(snapshot).isEqualTo(new DatabaseSnapshot("sales", "file:/data/a/sales.db", "about sales",
                Map.of("team", "finance")));
    }
}
