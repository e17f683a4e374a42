package io.strait.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.Bucketing;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.SerdeDetails;
import io.strait.common.metastore.Skew;
import io.strait.common.metastore.SortColumn;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.metastore.ViewText;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Order;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.SerdeType;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThriftSnapshotsTest {
    private static final TableRef SALES = TableRef.of("shop", "sales");
    private static final StorageFormat CSV = new StorageFormat("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
            Map.of("field.delim", ",", "serialization.format", ","));
    private static final StorageFormat BUCKETED_SKEWED = new StorageFormat(CSV.inputFormat(), CSV.outputFormat(),
            CSV.serializationLib(), CSV.serdeParameters(), "csv-serde", true,
            new Bucketing(4, List.of("id"), List.of(new SortColumn("id", SortColumn.ASCENDING),
                    new SortColumn("amount", SortColumn.DESCENDING))),
            new Skew(List.of("id"), List.of(List.of("1"), List.of("2")),
                    List.of(new Skew.SkewedLocation(List.of("1"), "file:/ext/shop/sales/id=1"))),
            true, Map.of("sd.key", "sd.value"), new SerdeDetails("orders as registered", "com.example.OrderWriter",
                    "com.example.OrderReader", "SCHEMA_REGISTRY"));
    private static final TableSnapshot TABLE = new TableSnapshot(SALES, "EXTERNAL_TABLE", "file:/ext/shop/sales",
            List.of(new ColumnSpec("id", "bigint", "the id"), ColumnSpec.of("amount", "decimal(10,2)")),
            List.of(ColumnSpec.of("ds", "string"), new ColumnSpec("hour", "int", "hour of day")), BUCKETED_SKEWED,
            Map.of("EXTERNAL", "TRUE", "owner.team", "payments"), new Owner("analysts", "ROLE"), ViewText.NONE);

    static Stream<Arguments> locations() {
        return Stream.of(
                Arguments.of("file:///data/a/sales.db/orders", "file:/data/a/sales.db/orders"),
                Arguments.of("file:/data/a/sales.db/orders/", "file:/data/a/sales.db/orders"),
                Arguments.of("hdfs://nn:8020/warehouse/orders", "hdfs://nn:8020/warehouse/orders"),
                Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void readsLocationsInCanonicalSpelling(String metastoreLocation, String expected) {
        Table thrift = ThriftSnapshots.toThrift(TABLE);
        thrift.getSd().setLocation(metastoreLocation);

        assertThat(ThriftSnapshots.toSnapshot(thrift).location()).isEqualTo(expected);
    }

    @Test
    void databaseRoundTripsWithItsOwner() {
        DatabaseSnapshot database = new DatabaseSnapshot("shop", "file:/ext/shop.db", "the shop",
                Map.of("k", "v"), new Owner("etl", "USER"), "file:/managed/shop.db");

        Database thrift = ThriftSnapshots.toThrift(database);

        assertThat(thrift.getLocationUri()).isEqualTo("file:/ext/shop.db");
        assertThat(thrift.getManagedLocationUri()).isEqualTo("file:/managed/shop.db");
        assertThat(thrift.getOwnerName()).isEqualTo("etl");
        assertThat(thrift.getOwnerType()).isEqualTo(PrincipalType.USER);
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(database);
    }

    @Test
    void emptyDatabaseLocationLetsTheMetastoreChoose() {
        Database thrift = ThriftSnapshots.toThrift(new DatabaseSnapshot("shop", "", "", Map.of()));

        assertThat(thrift.isSetLocationUri()).isFalse();
        assertThat(thrift.isSetManagedLocationUri()).isFalse();
        assertThat(thrift.isSetDescription()).isFalse();
        assertThat(thrift.isSetOwnerName()).isFalse();
        assertThat(ThriftSnapshots.toSnapshot(thrift).location()).isEmpty();
    }

    @Test
    void tableRoundTripsEveryField() {
        Table thrift = ThriftSnapshots.toThrift(TABLE);

        assertThat(thrift.getTableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(thrift.getOwner()).isEqualTo("analysts");
        assertThat(thrift.getOwnerType()).isEqualTo(PrincipalType.ROLE);
        assertThat(thrift.getSd().getCols()).containsExactly(new FieldSchema("id", "bigint", "the id"),
                new FieldSchema("amount", "decimal(10,2)", null));
        assertThat(thrift.getPartitionKeys()).extracting(FieldSchema::getName).containsExactly("ds", "hour");
        assertThat(thrift.getSd().getSerdeInfo().getName()).isEqualTo("csv-serde");
        assertThat(thrift.getSd().getSerdeInfo().getParameters()).isEqualTo(CSV.serdeParameters());
        assertThat(thrift.getSd().getNumBuckets()).isEqualTo(4);
        assertThat(thrift.getSd().getBucketCols()).containsExactly("id");
        assertThat(thrift.getSd().getSortCols()).containsExactly(new Order("id", 1), new Order("amount", 0));
        assertThat(thrift.getSd().getSkewedInfo().getSkewedColNames()).containsExactly("id");
        assertThat(thrift.getSd().getSkewedInfo().getSkewedColValues()).containsExactly(List.of("1"), List.of("2"));
        assertThat(thrift.getSd().getSkewedInfo().getSkewedColValueLocationMaps())
                .containsEntry(List.of("1"), "file:/ext/shop/sales/id=1");
        assertThat(thrift.getSd().isStoredAsSubDirectories()).isTrue();
        assertThat(thrift.getSd().isCompressed()).isTrue();
        assertThat(thrift.getSd().getParameters()).containsEntry("sd.key", "sd.value");
        assertThat(thrift.getSd().getSerdeInfo().getDescription()).isEqualTo("orders as registered");
        assertThat(thrift.getSd().getSerdeInfo().getSerializerClass()).isEqualTo("com.example.OrderWriter");
        assertThat(thrift.getSd().getSerdeInfo().getDeserializerClass()).isEqualTo("com.example.OrderReader");
        assertThat(thrift.getSd().getSerdeInfo().getSerdeType()).isEqualTo(SerdeType.SCHEMA_REGISTRY);
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(TABLE);
        Table plain = ThriftSnapshots.toThrift(TABLE.withStorage(CSV));
        assertThat(plain.getSd().getSerdeInfo().isSetSerdeType()).as("none set where the source has none").isFalse();
        assertThat(ThriftSnapshots.toSnapshot(plain).storage().serdeDetails()).isEqualTo(SerdeDetails.NONE);
    }

    @Test
    void viewRoundTripsItsTextAndHasNoLocation() {
        TableSnapshot view = new TableSnapshot(TableRef.of("shop", "recent"), TableSnapshot.VIRTUAL_VIEW, "",
                List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.NONE, Map.of("k", "v"),
                Owner.user("alice"), new ViewText("select id from sales", "select `sales`.`id` from `shop`.`sales`"));

        Table thrift = ThriftSnapshots.toThrift(view);

        assertThat(thrift.getViewOriginalText()).isEqualTo("select id from sales");
        assertThat(thrift.getViewExpandedText()).isEqualTo("select `sales`.`id` from `shop`.`sales`");
        assertThat(thrift.getSd().isSetLocation()).isFalse();
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(view);
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
        assertThat(snapshot.storage()).isEqualTo(StorageFormat.NONE);
        assertThat(snapshot.owner()).isEqualTo(Owner.NONE);
    }

    @Test
    void partitionKeepsItsOwnColumnsNotTheTables() {
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(SALES, List.of("2024-01-01", "3")),
                "file:/ext/shop/sales/ds=2024-01-01/hour=3/_strait_v7_1", List.of(ColumnSpec.of("id", "bigint")),
                BUCKETED_SKEWED, Map.of("strait.source.event-id", "42"));

        Partition thrift = ThriftSnapshots.toThrift(partition);

        assertThat(thrift.getValues()).containsExactly("2024-01-01", "3");
        assertThat(thrift.getSd().getCols()).containsExactly(new FieldSchema("id", "bigint", null));
        assertThat(ThriftSnapshots.toSnapshot(thrift)).isEqualTo(partition);
    }

    @Test
    void withSnapshotReplacesEverythingCarriedButKeepsWhatTheMetastoreSets() {
        PartitionRef ref = PartitionRef.of(SALES, List.of("2024-01-01", "3"));
        Partition existing = ThriftSnapshots.toThrift(new PartitionSnapshot(ref, "file:/old", TABLE.columns(), CSV,
                Map.of("old", "1")));
        existing.setCreateTime(1234);
        PartitionSnapshot next = new PartitionSnapshot(ref, "file:/new", List.of(ColumnSpec.of("id", "bigint")),
                StorageFormat.PARQUET, Map.of("new", "2"));

        Partition altered = ThriftSnapshots.withSnapshot(existing, next);

        assertThat(ThriftSnapshots.toSnapshot(altered)).isEqualTo(next);
        assertThat(altered.getCreateTime()).isEqualTo(1234);
        assertThat(existing.getSd().getLocation()).isEqualTo("file:/old");
    }

    @Test
    void nullKeysOrValuesFromTheMetastoreAreDropped() {
        Table thrift = ThriftSnapshots.toThrift(TABLE);
        thrift.getParameters().put("broken", null);

        assertThat(ThriftSnapshots.toSnapshot(thrift).parameters()).doesNotContainKey("broken")
                .containsEntry("owner.team", "payments");
    }

    static Stream<Arguments> alters() {
        List<ColumnSpec> none = List.of();
        List<ColumnSpec> one = List.of(ColumnSpec.of("id", "bigint"));
        Map<String, String> csv = Map.of("field.delim", ",", "serialization.format", ",");
        Map<String, String> parquet = Map.of("serialization.format", "1");
        return Stream.of(
                Arguments.of("no columns, a serde key removed", none, csv, Map.of(), parquet, Map.of(), true),
                Arguments.of("no columns, a storage key removed", none, parquet, Map.of("a", "1"), parquet, Map.of(),
                        true),
                Arguments.of("no columns, every serde key removed", none, csv, Map.of(), Map.of(), Map.of(), true),
                Arguments.of("no columns, values changed and keys added", none, parquet, Map.of("a", "1"),
                        Map.of("serialization.format", "2", "x", "y"), Map.of("a", "2", "b", "3"), false),
                Arguments.of("no columns, nothing to remove", none, Map.of(), Map.of(), parquet, Map.of(), false),
                Arguments.of("columns, a serde key removed", one, csv, Map.of(), parquet, Map.of(), false),
                Arguments.of("columns, a storage key removed", one, parquet, Map.of("a", "1"), parquet, Map.of(),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alters")
    void onlyAnAlterRemovingParametersOfAPartitionWithoutColumnsNeedsAColumnDescriptorFirst(String title,
            List<ColumnSpec> storedColumns, Map<String, String> serdeBefore, Map<String, String> storageBefore,
            Map<String, String> serdeAfter, Map<String, String> storageAfter, boolean expected) {
        Partition existing = ThriftSnapshots.toThrift(new PartitionSnapshot(PartitionRef.of(TableRef.of("db", "t"),
                List.of("1")), "file:/w/t/ds=1/v1", storedColumns, storage(serdeBefore, storageBefore), Map.of()));
        Partition changed = ThriftSnapshots.withSnapshot(existing, new PartitionSnapshot(PartitionRef.of(
                TableRef.of("db", "t"), List.of("1")), "file:/w/t/ds=1/v2", none(), storage(serdeAfter, storageAfter),
                Map.of()));

        assertThat(ThriftSnapshots.removesParametersOfAPartitionWithoutColumns(existing, changed)).isEqualTo(expected);
    }

    private static List<ColumnSpec> none() {
        return List.of();
    }

    private static StorageFormat storage(Map<String, String> serdeParameters, Map<String, String> parameters) {
        StorageFormat base = StorageFormat.PARQUET;
        return new StorageFormat(base.inputFormat(), base.outputFormat(), base.serializationLib(), serdeParameters,
                "", false, Bucketing.NONE, Skew.NONE, false, parameters);
    }
}
