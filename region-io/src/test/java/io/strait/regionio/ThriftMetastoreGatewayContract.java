package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.thrift.ThriftColumnStatistics;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsData;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsObj;
import org.apache.hadoop.hive.metastore.api.LongColumnStatsData;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.Bucketing;
import io.strait.common.metastore.SerdeDetails;
import io.strait.common.metastore.Skew;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableConstraint.Kind;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.MetastoreLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Thrift gateway (Hive 4.0.1 client) against a real Hive Metastore process of one line, started with
 * EmbeddedRegion: every line gets the same calls and must give the same answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThriftMetastoreGatewayContract {
    private static final RegionId REGION = RegionId.of("region-b");
    private static final StorageFormat CSV = new StorageFormat("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
            Map.of("field.delim", ",", "serialization.format", ","));

    private EmbeddedRegion metastore;
    private ThriftMetastoreGateway gateway;
    private String externalRoot;

    /** The metastore line the test runs against. */
    abstract MetastoreLine line();

    @BeforeAll
    void startMetastore(@TempDir Path workDirectory) {
        metastore = EmbeddedRegion.builder(REGION.name(), workDirectory).line(line()).start();
        externalRoot = Locations.canonical(metastore.externalRootUri());
        gateway = ThriftMetastoreGateway.connect(REGION, metastore.metastoreUri());
    }

    @AfterAll
    void stopMetastore() {
        if (gateway != null) {
            gateway.close();
        }
        if (metastore != null) {
            metastore.close();
        }
    }

    @Test
    @Order(1)
    void databasesRoundTrip() {
        DatabaseSnapshot shop = new DatabaseSnapshot("shop", externalRoot + "/shop.db", "the shop", Map.of("k", "v"));

        gateway.createDatabase(shop);

        DatabaseSnapshot read = gateway.getDatabase("shop").orElseThrow();
        assertThat(read.name()).isEqualTo("shop");
        assertThat(Locations.canonical(read.location())).isEqualTo(shop.location());
        assertThat(read.description()).isEqualTo("the shop");
        assertThat(read.parameters()).containsAllEntriesOf(shop.parameters());
        assertThat(gateway.getDatabase("absent")).isEmpty();
        assertUserError(() -> gateway.createDatabase(shop));
    }

    @Test
    @Order(2)
    void aDatabaseAlterMovesItsLocation() {
        DatabaseSnapshot moved = new DatabaseSnapshot("moving", externalRoot + "/moving.db", "", Map.of());
        gateway.createDatabase(moved);

        gateway.alterDatabase(new DatabaseSnapshot("moving", externalRoot + "/moved.db", "now moved", Map.of()));

        DatabaseSnapshot read = gateway.getDatabase("moving").orElseThrow();
        assertThat(Locations.canonical(read.location())).isEqualTo(externalRoot + "/moved.db");
        assertThat(read.description()).isEqualTo("now moved");
        gateway.alterDatabase(new DatabaseSnapshot("moving", "", "kept", Map.of()));
        assertThat(Locations.canonical(gateway.getDatabase("moving").orElseThrow().location()))
                .as("an alter without a location keeps the database's").isEqualTo(externalRoot + "/moved.db");
        gateway.dropDatabase("moving");
        assertThat(gateway.holdsHive4DatabaseFields()).as("managed locations are kept by Hive Metastore 4 only")
                .isEqualTo(line() != MetastoreLine.HIVE_3_1);
    }

    @Test
    @Order(2)
    void anExternalPartitionedTableRoundTripsEveryField() {
        TableSnapshot sales = salesTable();

        gateway.createTable(sales);

        TableSnapshot read = gateway.getTable(sales.ref()).orElseThrow();
        assertThat(read.ref()).isEqualTo(sales.ref());
        assertThat(read.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(Locations.canonical(read.location())).isEqualTo(sales.location());
        assertThat(read.columns()).isEqualTo(sales.columns());
        assertThat(read.partitionKeys()).isEqualTo(sales.partitionKeys());
        assertThat(read.storage()).isEqualTo(sales.storage());
        assertThat(read.parameters()).containsAllEntriesOf(sales.parameters());
        assertThat(read.owner()).isEqualTo(Owner.user("alice"));
        assertThat(gateway.listTables("shop")).containsExactly("sales");
        assertThat(gateway.listTables("absent")).isEmpty();
        assertThat(gateway.getTable(TableRef.of("shop", "absent"))).isEmpty();
        assertUserError(() -> gateway.createTable(sales));
    }

    @Test
    @Order(3)
    void partitionsAreAddedAlteredListedAndReadBack() {
        PartitionSnapshot day1 = partition("2024-01-01", "_strait_v1_1", StorageFormat.PARQUET, Map.of("a", "1"));
        PartitionSnapshot day2 = partition("2024-01-02", "_strait_v2_1", CSV,
                Map.of("numFiles", "1", "totalSize", "5"));
        writeThreeFiles(day2);

        gateway.addPartition(day1);
        gateway.addPartition(day2);
        assertPartition(gateway.getPartition(day1.ref()).orElseThrow(), day1);
        assertPartition(gateway.getPartition(day2.ref()).orElseThrow(), day2);

        PartitionSnapshot day1Version2 = partition("2024-01-01", "_strait_v3_1", CSV, Map.of("b", "2"));
        gateway.alterPartition(day1Version2);

        PartitionSnapshot altered = gateway.getPartition(day1.ref()).orElseThrow();
        assertPartition(altered, day1Version2);
        assertThat(altered.parameters()).doesNotContainKey("a");
        assertThat(gateway.listPartitions(salesTable().ref())).extracting(PartitionSnapshot::ref)
                .containsExactlyInAnyOrder(day1.ref(), day2.ref());
        assertUserError(() -> gateway.addPartition(day2));
    }

    @Test
    @Order(4)
    void partitionsAreReadAddedAndAlteredInBatchesKeepingTheParametersGiven() {
        PartitionSnapshot day3 = partition("2024-02-03", "_strait_v4_1", CSV,
                Map.of("numFiles", "7", "totalSize", "70", "c", "3"));
        // its version folder holds files already (a replica is published after its copy): the statistics given are
        // kept all the same
        writeThreeFiles(day3);
        PartitionSnapshot day4 = partition("2024-02-04", "_strait_v5_1", StorageFormat.PARQUET, Map.of("d", "4"));
        PartitionRef absent = partition("1999-12-30", "", CSV, Map.of()).ref();

        gateway.addPartitions(List.of(day3, day4));

        Map<PartitionRef, PartitionSnapshot> added = gateway.getPartitions(salesTable(),
                List.of(day3.ref(), absent, day4.ref()));
        assertThat(added).containsOnlyKeys(day3.ref(), day4.ref());
        assertPartition(added.get(day3.ref()), day3);
        assertPartition(added.get(day4.ref()), day4);
        assertThat(added.get(day4.ref()).parameters()).doesNotContainKeys("numFiles", "totalSize");

        PartitionSnapshot day3Version2 = partition("2024-02-03", "_strait_v6_1", CSV, Map.of("c", "33"));
        PartitionSnapshot day4Version2 = partition("2024-02-04", "_strait_v7_1", CSV, Map.of("d", "44"));
        gateway.alterPartitions(salesTable(), List.of(day3Version2, day4Version2));

        Map<PartitionRef, PartitionSnapshot> altered = gateway.getPartitions(salesTable(),
                List.of(day3.ref(), day4.ref()));
        assertPartition(altered.get(day3.ref()), day3Version2);
        assertPartition(altered.get(day4.ref()), day4Version2);
        assertThat(altered.get(day3.ref()).parameters()).doesNotContainKeys("numFiles", "totalSize");
        assertThat(gateway.getPartitions(salesTable(), List.of())).isEmpty();

        PartitionSnapshot day5 = partition("2024-02-05", "_strait_v8_1", CSV, Map.of());
        assertUserError(() -> gateway.addPartitions(List.of(day3, day5)));
        assertThat(gateway.getPartition(day5.ref())).isEmpty();
        assertUserError(() -> gateway.alterPartitions(salesTable(), List.of(partition("1999-12-30", "_strait_v9_1",
                CSV, Map.of()))));
    }

    @Test
    @Order(4)
    void aPartitionSwitchedToAnotherFormatLosesTheSerdeAndStorageParametersOfTheOld() {
        StorageFormat csvWithStorageParameters = new StorageFormat(CSV.inputFormat(), CSV.outputFormat(),
                CSV.serializationLib(), CSV.serdeParameters(), "", false, Bucketing.NONE, Skew.NONE, false,
                Map.of("written.by", "loader"));
        PartitionSnapshot day6 = partition("2024-02-06", "_strait_v10_1", csvWithStorageParameters, Map.of());
        PartitionSnapshot day7 = partition("2024-02-07", "_strait_v11_1", CSV, Map.of());
        PartitionSnapshot day8 = partition("2024-02-08", "_strait_v12_1", CSV, Map.of());
        gateway.addPartitions(List.of(day6, day7, day8));

        PartitionSnapshot day6AsParquet = partition("2024-02-06", "_strait_v13_1", StorageFormat.PARQUET, Map.of());
        gateway.alterPartition(day6AsParquet);
        PartitionSnapshot day7AsParquet = partition("2024-02-07", "_strait_v14_1", StorageFormat.PARQUET, Map.of());
        PartitionSnapshot day8AsParquet = partition("2024-02-08", "_strait_v15_1", StorageFormat.PARQUET, Map.of());
        gateway.alterPartitions(salesTable(), List.of(day7AsParquet, day8AsParquet));

        Map<PartitionRef, PartitionSnapshot> read = gateway.getPartitions(salesTable(),
                List.of(day6.ref(), day7.ref(), day8.ref()));
        assertThat(read.get(day6.ref()).storage()).isEqualTo(StorageFormat.PARQUET);
        assertThat(read.get(day7.ref()).storage()).isEqualTo(StorageFormat.PARQUET);
        assertThat(read.get(day8.ref()).storage()).isEqualTo(StorageFormat.PARQUET);
    }

    @Test
    @Order(4)
    void missingPartitionsAreEmptyAndChangesToThemAreRefused() {
        PartitionSnapshot absent = partition("1999-12-31", "_strait_v9_1", CSV, Map.of());

        assertThat(gateway.getPartition(absent.ref())).isEmpty();
        assertThat(gateway.getPartition(PartitionRef.of(TableRef.of("shop", "absent"), List.of("x")))).isEmpty();
        assertUserError(() -> gateway.alterPartition(absent));
        assertUserError(() -> gateway.dropPartition(absent.ref()));
        assertUserError(() -> gateway.listPartitions(TableRef.of("shop", "absent")));
    }

    @Test
    @Order(5)
    void columnStatisticsOfTheTableAndAPartitionAreWrittenAndReadBack() {
        ColumnStatistic ids = ThriftColumnStatistics.toStatistic(new ColumnStatisticsObj("id", "bigint",
                ColumnStatisticsData.longStats(new LongColumnStatsData(0, 7))));
        PartitionRef day1 = partition("2024-01-01", "", CSV, Map.of()).ref();

        gateway.replaceTableColumnStatistics(salesTable().ref(), List.of(ids));
        gateway.replacePartitionColumnStatistics(salesTable(), day1, List.of(ids));

        assertThat(gateway.getTableColumnStatistics(salesTable().ref())).containsExactly(ids);
        assertThat(gateway.getPartitionColumnStatistics(salesTable(), List.of(day1)))
                .containsEntry(day1, List.of(ids));
        gateway.replaceTableColumnStatistics(salesTable().ref(), List.of());
        assertThat(gateway.getTableColumnStatistics(salesTable().ref())).isEmpty();
    }

    @Test
    @Order(5)
    void concurrentCallersAreSafe() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<TableSnapshot>> reads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reads.add(callers.submit(() -> gateway.getTable(salesTable().ref()).orElseThrow()));
        }
        for (Future<TableSnapshot> read : reads) {
            assertThat(read.get(60, TimeUnit.SECONDS).columns()).isEqualTo(salesTable().columns());
        }
        callers.shutdown();
    }

    @Test
    @Order(5)
    void constraintsOfEveryKindAreReplacedAndReadBack() {
        gateway.createDatabase(new DatabaseSnapshot("keys", externalRoot + "/keys.db", "", Map.of()));
        TableRef parents = TableRef.of("keys", "parents");
        TableRef children = TableRef.of("keys", "children");
        gateway.createTable(keysTable(parents, List.of("id", "region", "code", "name")));
        gateway.createTable(keysTable(children, List.of("id", "parent_region", "parent_id", "amount", "channel")));
        // the key's order (region, id) is not the table's column order (id, region)
        TableConstraint primaryKey = new TableConstraint(Kind.PRIMARY_KEY, "pk_parents", List.of("region", "id"), "",
                List.of(), "", "", 0, 0, false, false, true);
        TableConstraint uniqueKey = new TableConstraint(Kind.UNIQUE, "uk_parents_code", List.of("code"), "",
                List.of(), "", "", 0, 0, false, false, false);
        TableConstraint foreignKey = new TableConstraint(Kind.FOREIGN_KEY, "fk_children_parent",
                List.of("parent_region", "parent_id"), "keys.parents", List.of("region", "id"), "pk_parents", "", 0, 0,
                false, false, false);
        TableConstraint notNull = new TableConstraint(Kind.NOT_NULL, "nn_children_id", List.of("id"), "", List.of(),
                "", "", 0, 0, true, false, false);
        TableConstraint byDefault = new TableConstraint(Kind.DEFAULT, "df_children_channel", List.of("channel"), "",
                List.of(), "", "'web'", 0, 0, true, false, false);
        TableConstraint check = new TableConstraint(Kind.CHECK, "ck_children_amount", List.of("amount"), "",
                List.of(), "", "amount > 0", 0, 0, true, false, false);
        // a CHECK constraint that names no column (a table's)
        TableConstraint tableCheck = new TableConstraint(Kind.CHECK, "ck_children_table", List.of(), "", List.of(),
                "", "amount > id", 0, 0, true, false, false);
        List<TableConstraint> parentKeys = List.of(uniqueKey, primaryKey);
        List<TableConstraint> childConstraints = List.of(check, byDefault, tableCheck, notNull, foreignKey);

        assertThat(gateway.replaceConstraints(parents, parentKeys)).isEmpty();
        assertThat(gateway.replaceConstraints(children, childConstraints)).isEmpty();

        assertThat(gateway.getConstraints(parents)).isEqualTo(TableConstraint.sorted(parentKeys));
        assertThat(gateway.getConstraints(children)).isEqualTo(TableConstraint.sorted(childConstraints));
        assertThat(gateway.getForeignKeysReferencing(parents)).as("one row per key, whatever its columns")
                .containsExactly(new ForeignKeyRef(children, "fk_children_parent"));
        assertThat(gateway.getForeignKeysReferencing(children)).isEmpty();

        // one dropped (the check), one changed (the foreign key now RELY), one added (a second NOT NULL)
        TableConstraint reliedForeignKey = new TableConstraint(Kind.FOREIGN_KEY, "fk_children_parent",
                List.of("parent_region", "parent_id"), "keys.parents", List.of("region", "id"), "pk_parents", "", 0, 0,
                false, false, true);
        TableConstraint amountNotNull = new TableConstraint(Kind.NOT_NULL, "nn_children_amount", List.of("amount"),
                "", List.of(), "", "", 0, 0, true, false, true);
        List<TableConstraint> changed = List.of(byDefault, notNull, tableCheck, reliedForeignKey, amountNotNull);
        assertThat(ThriftMetastoreGateway.constraintsToDrop(gateway.getConstraints(children),
                TableConstraint.sorted(changed))).containsExactly(foreignKey, check);

        assertThat(gateway.replaceConstraints(children, changed)).isEmpty();

        assertThat(gateway.getConstraints(children)).isEqualTo(TableConstraint.sorted(changed));

        // the same set again: nothing to drop or add, and nothing changes
        assertThat(ThriftMetastoreGateway.constraintsToDrop(gateway.getConstraints(children),
                TableConstraint.sorted(changed))).isEmpty();
        assertThat(ThriftMetastoreGateway.constraintsToAdd(gateway.getConstraints(children), changed)).isEmpty();
        assertThat(gateway.replaceConstraints(children, changed)).isEmpty();
        assertThat(gateway.getConstraints(children)).isEqualTo(TableConstraint.sorted(changed));

        // constraints the metastore refuses are left out, with its reason, and the others are written all the same:
        // a foreign key to a table that is not there (the gateway finds it missing: the metastore's own answer,
        // an InvalidObjectException that add_foreign_key does not declare, reaches the client as an internal error),
        // one to parent columns that are no key (a MetaException) and a NOT NULL on a column the table lacks (an
        // undeclared InvalidObjectException: an internal error, whose reason is only in the metastore's log)
        TableConstraint toAbsentTable = new TableConstraint(Kind.FOREIGN_KEY, "fk_children_ghost", List.of("id"),
                "keys.ghosts", List.of("id"), "", "", 0, 0, false, false, false);
        TableConstraint toNoKey = new TableConstraint(Kind.FOREIGN_KEY, "fk_children_name", List.of("channel"),
                "keys.parents", List.of("name"), "", "", 0, 0, false, false, false);
        TableConstraint onNoColumn = new TableConstraint(Kind.NOT_NULL, "nn_children_nothing", List.of("nothing"),
                "", List.of(), "", "", 0, 0, true, false, false);
        TableConstraint channelNotNull = new TableConstraint(Kind.NOT_NULL, "nn_children_channel",
                List.of("channel"), "", List.of(), "", "", 0, 0, true, false, false);
        List<TableConstraint> withRefused = new ArrayList<>(changed);
        withRefused.addAll(List.of(toAbsentTable, toNoKey, onNoColumn, channelNotNull));

        List<String> leftOut = gateway.replaceConstraints(children, withRefused);

        assertThat(leftOut).hasSize(3);
        assertThat(leftOut.get(0)).isEqualTo(toAbsentTable.describe() + ": parent table keys.ghosts does not exist");
        assertThat(leftOut.get(1)).startsWith(toNoKey.describe() + ": ")
                .contains("no corresponding primary key or unique key");
        assertThat(leftOut.get(2)).isEqualTo(onNoColumn.describe()
                + ": Internal error processing add_not_null_constraint");
        List<TableConstraint> written = new ArrayList<>(changed);
        written.add(channelNotNull);
        assertThat(gateway.getConstraints(children)).isEqualTo(TableConstraint.sorted(written));

        // a name another table's constraint has: Hive Metastore 4.0.1 keeps names unique per table and takes it;
        // 3.1 keeps them unique per metastore and refuses it (an undeclared InvalidObjectException again)
        TableConstraint takenName = new TableConstraint(Kind.NOT_NULL, "uk_parents_code", List.of("parent_id"), "",
                List.of(), "", "", 0, 0, true, false, false);
        List<TableConstraint> withTakenName = new ArrayList<>(written);
        withTakenName.add(takenName);

        List<String> takenLeftOut = gateway.replaceConstraints(children, withTakenName);

        if (line() == MetastoreLine.HIVE_3_1) {
            assertThat(takenLeftOut).containsExactly(takenName.describe()
                    + ": Internal error processing add_not_null_constraint");
            assertThat(gateway.getConstraints(children)).isEqualTo(TableConstraint.sorted(written));
        } else {
            assertThat(takenLeftOut).isEmpty();
            assertThat(gateway.getConstraints(children)).isEqualTo(TableConstraint.sorted(withTakenName));
        }
        assertThat(gateway.getConstraints(parents)).isEqualTo(TableConstraint.sorted(parentKeys));

        // none: every constraint is dropped (the child's foreign key before the parent's key it refers to)
        assertThat(gateway.replaceConstraints(children, List.of())).isEmpty();
        assertThat(gateway.replaceConstraints(parents, List.of())).isEmpty();
        assertThat(gateway.getConstraints(children)).isEmpty();
        assertThat(gateway.getConstraints(parents)).isEmpty();

        TableRef absent = TableRef.of("keys", "absent");
        assertUserError(() -> gateway.getConstraints(absent));
        assertUserError(() -> gateway.replaceConstraints(absent, List.of(notNull)));

        gateway.dropTable(children);
        gateway.dropTable(parents);
        gateway.dropDatabase("keys");
    }

    @Test
    @Order(6)
    void dropsRemoveMetadataButNeverData() throws Exception {
        PartitionSnapshot day2 = gateway.getPartition(partition("2024-01-02", "", CSV, Map.of()).ref()).orElseThrow();
        Path dataFile = Path.of(day2.location().substring("file:".length())).resolve("part-0");
        Files.createDirectories(dataFile.getParent());
        Files.writeString(dataFile, "kept");

        PartitionRef day3 = partition("2024-02-03", "", CSV, Map.of()).ref();
        PartitionRef day4 = partition("2024-02-04", "", CSV, Map.of()).ref();
        PartitionRef absent = partition("1999-12-29", "", CSV, Map.of()).ref();
        Path batchDataFile = Path.of(gateway.getPartition(day3).orElseThrow().location().substring("file:".length()))
                .resolve("part-0");
        Files.createDirectories(batchDataFile.getParent());
        Files.writeString(batchDataFile, "kept too");

        assertUserError(() -> gateway.dropPartitions(salesTable(), List.of(day3, absent)));
        assertThat(gateway.getPartition(day3)).as("a batch naming a missing partition drops none").isPresent();
        gateway.dropPartitions(salesTable(), List.of(day3, day4));
        assertThat(gateway.getPartitions(salesTable(), List.of(day3, day4))).isEmpty();
        assertThat(Files.readString(batchDataFile)).isEqualTo("kept too");

        assertUserError(() -> gateway.dropDatabase("shop"));
        gateway.dropPartition(day2.ref());
        assertThat(gateway.getPartition(day2.ref())).isEmpty();
        gateway.dropTable(salesTable().ref());
        assertThat(gateway.getTable(salesTable().ref())).isEmpty();
        gateway.dropDatabase("shop");

        assertThat(gateway.getDatabase("shop")).isEmpty();
        assertThat(Files.readString(dataFile)).isEqualTo("kept");
    }

    @Test
    @Order(7)
    void aStoppedMetastoreIsAnExternalErrorNamingRegionAndObject() {
        metastore.close();

        assertThatThrownBy(() -> gateway.getTable(TableRef.of("shop", "sales")))
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.EXTERNAL))
                .hasMessageContaining("region-b").hasMessageContaining("shop.sales")
                .hasMessageContaining(metastore.metastoreUri());
    }

    private TableSnapshot keysTable(TableRef ref, List<String> columns) {
        return new TableSnapshot(ref, "EXTERNAL_TABLE", externalRoot + "/keys/" + ref.table(),
                columns.stream().map(name -> ColumnSpec.of(name, name.equals("id") || name.endsWith("_id")
                        || name.equals("amount") ? "bigint" : "string")).toList(),
                List.of(), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "alice");
    }

    private TableSnapshot salesTable() {
        return new TableSnapshot(TableRef.of("shop", "sales"), "EXTERNAL_TABLE", externalRoot + "/shop/sales",
                List.of(new ColumnSpec("id", "bigint", "the id"), ColumnSpec.of("amount", "decimal(10,2)")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET.withSerdeDetails(new SerdeDetails(
                        "parquet as registered", "org.example.SalesWriter", "org.example.SalesReader", "HIVE")),
                Map.of("EXTERNAL", "TRUE", "external.table.purge", "false", "owner.team", "payments"), "alice");
    }

    /** Three files of 4 bytes in the partition's folder, which statistics computed by a metastore would count. */
    private static void writeThreeFiles(PartitionSnapshot partition) {
        Path folder = Path.of(URI.create(partition.location()));
        try {
            Files.createDirectories(folder);
            for (String name : List.of("a", "b", "c")) {
                Files.writeString(folder.resolve(name), "four");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PartitionSnapshot partition(String day, String versionFolder, StorageFormat storage,
            Map<String, String> parameters) {
        String location = externalRoot + "/shop/sales/ds=" + day + (versionFolder.isEmpty() ? "" : "/" + versionFolder);
        return new PartitionSnapshot(PartitionRef.of(TableRef.of("shop", "sales"), List.of(day)), location, storage,
                parameters);
    }

    private static void assertPartition(PartitionSnapshot read, PartitionSnapshot expected) {
        assertThat(read.ref()).isEqualTo(expected.ref());
        assertThat(Locations.canonical(read.location())).isEqualTo(expected.location());
        assertThat(read.storage()).isEqualTo(expected.storage());
        assertThat(read.parameters()).containsAllEntriesOf(expected.parameters());
    }

    private static void assertUserError(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StraitException.class,
                error -> assertThat(error.category()).isEqualTo(ErrorCategory.USER_ERROR));
    }
}
