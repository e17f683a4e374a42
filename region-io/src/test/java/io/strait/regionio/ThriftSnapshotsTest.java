package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.Test;

class ThriftSnapshotsTest {
    private static final TableRef SALES = TableRef.of("shop", "sales");
    private static final StorageFormat CSV = new StorageFormat("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
            Map.of("field.delim", ",", "serialization.format", ","));
    private static final TableSnapshot TABLE = new TableSnapshot(SALES, "EXTERNAL_TABLE", "file:/ext/shop/sales",
            List.of(new ColumnSpec("id", "bigint", "the id"), ColumnSpec.of("amount", "decimal(10,2)")),
            List.of(ColumnSpec.of("ds", "string"), new ColumnSpec("hour", "int", "hour of day")), CSV,
            Map.of("EXTERNAL", "TRUE", "owner.team", "payments"), "alice");

    @Test
    void databaseRoundTripsBothWays() {
        DatabaseSnapshot database = new DatabaseSnapshot("shop", "file:/ext/shop.db", "the shop",
                Map.of("k", "v"));

        Database thrift = ThriftSnapshots.toThrift(database);

        assertThat(thrift.getName()).isEqualTo("shop");
        assertThat(thrift.getLocationUri()).isEqualTo("file:/ext/shop.db");
        assertThat(thrift.getDescription()).isEqualTo("the shop");
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(database);
    }

    @Test
    void emptyDatabaseLocationLetsTheMetastoreChoose() {
        Database thrift = ThriftSnapshots.toThrift(new DatabaseSnapshot("shop", "", "", Map.of()));

        assertThat(thrift.isSetLocationUri()).isFalse();
        assertThat(thrift.isSetDescription()).isFalse();
        assertThat(ThriftSnapshots.toSnapshot(thrift).location()).isEmpty();
    }

    @Test
    void tableRoundTripsEveryField() {
        Table thrift = ThriftSnapshots.toThrift(TABLE);

        assertThat(thrift.getDbName()).isEqualTo("shop");
        assertThat(thrift.getTableName()).isEqualTo("sales");
        assertThat(thrift.getTableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(thrift.getOwner()).isEqualTo("alice");
        assertThat(thrift.getSd().getLocation()).isEqualTo("file:/ext/shop/sales");
        assertThat(thrift.getSd().getCols()).containsExactly(new FieldSchema("id", "bigint", "the id"),
                new FieldSchema("amount", "decimal(10,2)", null));
        assertThat(thrift.getPartitionKeys()).extracting(FieldSchema::getName).containsExactly("ds", "hour");
        assertThat(thrift.getSd().getSerdeInfo().getSerializationLib()).isEqualTo(CSV.serializationLib());
        assertThat(thrift.getSd().getSerdeInfo().getParameters()).isEqualTo(CSV.serdeParameters());
        assertThat(thrift.getSd().getInputFormat()).isEqualTo(CSV.inputFormat());
        assertThat(thrift.getSd().getOutputFormat()).isEqualTo(CSV.outputFormat());
        assertThat(thrift.getParameters()).isEqualTo(TABLE.parameters());
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(TABLE);
    }

    @Test
    void aTableWithoutStorageDescriptorBecomesEmptyFields() {
        Table view = new Table();
        view.setDbName("shop");
        view.setTableName("v");
        view.setTableType("VIRTUAL_VIEW");

        TableSnapshot snapshot = ThriftSnapshots.toSnapshot(view);

        assertThat(snapshot.location()).isEmpty();
        assertThat(snapshot.columns()).isEmpty();
        assertThat(snapshot.partitionKeys()).isEmpty();
        assertThat(snapshot.storage()).isEqualTo(new StorageFormat("", "", "", Map.of()));
        assertThat(snapshot.parameters()).isEmpty();
        assertThat(snapshot.owner()).isEmpty();
    }

    @Test
    void partitionRoundTripsAndTakesTheTableColumns() {
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(SALES, List.of("2024-01-01", "3")),
                "file:/ext/shop/sales/ds=2024-01-01/hour=3/_strait_v7_1", StorageFormat.PARQUET,
                Map.of("strait.source.event-id", "42"));

        Partition thrift = ThriftSnapshots.toThrift(partition, TABLE.columns());

        assertThat(thrift.getValues()).containsExactly("2024-01-01", "3");
        assertThat(thrift.getDbName()).isEqualTo("shop");
        assertThat(thrift.getTableName()).isEqualTo("sales");
        assertThat(ThriftSnapshots.columns(thrift.getSd().getCols())).isEqualTo(TABLE.columns());
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(partition);
    }

    @Test
    void withSnapshotReplacesLocationStorageAndParametersButKeepsTheRest() {
        PartitionRef ref = PartitionRef.of(SALES, List.of("2024-01-01", "3"));
        Partition existing = ThriftSnapshots.toThrift(new PartitionSnapshot(ref, "file:/old", CSV,
                Map.of("old", "1")), TABLE.columns());
        existing.setCreateTime(1234);
        PartitionSnapshot next = new PartitionSnapshot(ref, "file:/new", StorageFormat.PARQUET, Map.of("new", "2"));

        Partition altered = ThriftSnapshots.withSnapshot(existing, next);

        assertThat(ThriftSnapshots.toSnapshot(altered)).isEqualTo(next);
        assertThat(altered.getCreateTime()).isEqualTo(1234);
        assertThat(ThriftSnapshots.columns(altered.getSd().getCols())).isEqualTo(TABLE.columns());
        assertThat(existing.getSd().getLocation()).isEqualTo("file:/old");
    }

    @Test
    void nullKeysOrValuesFromTheMetastoreAreDropped() {
        Table thrift = ThriftSnapshots.toThrift(TABLE);
        thrift.getParameters().put("broken", null);

        assertThat(ThriftSnapshots.toSnapshot(thrift).parameters()).doesNotContainKey("broken")
                .containsEntry("owner.team", "payments");
    }
}
