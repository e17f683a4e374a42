package io.strait.reparo.diff;

import static io.strait.common.divergence.DivergenceClass.BUCKETING_DRIFT;
import static io.strait.common.divergence.DivergenceClass.CONSTRAINT_DRIFT;
import static io.strait.common.divergence.DivergenceClass.DATABASE_DRIFT;
import static io.strait.common.divergence.DivergenceClass.DIFFERENT_FILE;
import static io.strait.common.divergence.DivergenceClass.MISSING_DATABASE;
import static io.strait.common.divergence.DivergenceClass.OWNER_DRIFT;
import static io.strait.common.divergence.DivergenceClass.SKEW_DRIFT;
import static io.strait.common.divergence.DivergenceClass.STATISTICS_DRIFT;
import static io.strait.common.divergence.DivergenceClass.VIEW_DRIFT;
import static io.strait.common.divergence.DivergenceClass.EXTRA_FILE;
import static io.strait.common.divergence.DivergenceClass.LOCATION_DRIFT;
import static io.strait.common.divergence.DivergenceClass.EXTRA_PARTITION;
import static io.strait.common.divergence.DivergenceClass.EXTRA_TABLE;
import static io.strait.common.divergence.DivergenceClass.MISSING_FILE;
import static io.strait.common.divergence.DivergenceClass.MISSING_PARTITION;
import static io.strait.common.divergence.DivergenceClass.MISSING_TABLE;
import static io.strait.common.divergence.DivergenceClass.PARAMETER_DRIFT;
import static io.strait.common.divergence.DivergenceClass.PARTITION_KEY_DRIFT;
import static io.strait.common.divergence.DivergenceClass.SCHEMA_DRIFT;
import static io.strait.common.divergence.DivergenceClass.STORAGE_DRIFT;
import static io.strait.common.divergence.DivergenceClass.TABLE_TYPE_DRIFT;
import static io.strait.reparo.diff.TestingStates.SOURCE;
import static io.strait.reparo.diff.TestingStates.TABLE;
import static io.strait.reparo.diff.TestingStates.TARGET;
import static io.strait.reparo.diff.TestingStates.file;
import static io.strait.reparo.diff.TestingStates.partition;
import static io.strait.reparo.diff.TestingStates.partitioned;
import static io.strait.reparo.diff.TestingStates.plus;
import static io.strait.reparo.diff.TestingStates.unpartitioned;
import static io.strait.reparo.diff.TestingStates.withFiles;
import static io.strait.reparo.diff.TestingStates.withPartition;
import static io.strait.reparo.diff.TestingStates.withPartitionFiles;
import static io.strait.reparo.diff.TestingStates.withPartitions;
import static io.strait.reparo.diff.TestingStates.withTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.Bucketing;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.ReplicaForm;
import io.strait.common.metastore.ReplicaLocations;
import io.strait.common.metastore.SerdeDetails;
import io.strait.common.metastore.Skew;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.metastore.ViewText;
import io.strait.common.region.PathMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableDiffTest {
    /** What a divergence is about, without its wording. */
    record Found(DivergenceClass divergenceClass, List<String> partition, String path) {
        static Found of(Divergence divergence) {
            return new Found(divergence.divergenceClass(), divergence.partitionValues(), divergence.relativePath());
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                partitionedCase("identical apart from locations", target -> target),
                partitionedCase("target table absent", target -> TableState.absent(TARGET, TABLE),
                        table(MISSING_TABLE)),
                partitionedCase("table type", target -> withTable(target, t -> t.withTableType("MANAGED_TABLE")),
                        table(TABLE_TYPE_DRIFT)),
                partitionedCase("column type", target -> withTable(target, t -> columns(t,
                        List.of(ColumnSpec.of("id", "int"), ColumnSpec.of("amount", "double")))),
                        table(SCHEMA_DRIFT)),
                partitionedCase("partition key renamed", target -> withTable(target, t -> partitionKeys(t,
                        List.of(ColumnSpec.of("day", "string")))), table(PARTITION_KEY_DRIFT)),
                partitionedCase("table serde", target -> withTable(target, t -> storage(t, new StorageFormat(
                        t.storage().inputFormat(), t.storage().outputFormat(), "other.Serde",
                        t.storage().serdeParameters()))), table(STORAGE_DRIFT)),
                partitionedCase("table parameter", target -> withTable(target,
                        t -> t.withParameters(plus(t.parameters(), "owner_team", "fraud"))), table(PARAMETER_DRIFT)),
                partitionedCase("metastore-set and strait parameters only", target -> withTable(target,
                        t -> t.withParameters(
                        plus(plus(plus(t.parameters(), "transient_lastDdlTime", "1800000000"), "last_modified_by",
                                "b"), "strait.source.event-id", "42")))),
                partitionedCase("basic statistics", target -> withTable(target,
                        t -> t.withParameters(plus(t.parameters(), "numRows", "9"))), table(STATISTICS_DRIFT)),
                partitionedCase("erasure-coded file count 0 in a 4.x target, absent in a 3.1 source", target ->
                        withPartition(target, List.of("1"), p -> new PartitionState(p.values(), p.location(),
                                p.storage(), plus(p.parameters(), "numFilesErasureCoded", "0"), p.files()))),
                partitionedCase("erasure-coded file count other than 0, absent in the source", target ->
                        withPartition(target, List.of("1"), p -> new PartitionState(p.values(), p.location(),
                                p.storage(), plus(p.parameters(), "numFilesErasureCoded", "2"), p.files())),
                        partitionLevel(STATISTICS_DRIFT, "1")),
                partitionedCase("partition only in source", target -> withPartitions(target,
                        partitions -> partitions.subList(0, 1)), partitionLevel(MISSING_PARTITION, "2")),
                partitionedCase("partition only in target", target -> withPartitions(target, partitions ->
                        append(partitions, partition("file:/b/x/ds=3", List.of("3"), file("p", 1, 1)))),
                        partitionLevel(EXTRA_PARTITION, "3")),
                partitionedCase("a partition given its table's columns in the target (none of its own in the source)",
                        target -> withPartition(target, List.of("1"), p -> withColumns(p, tableColumns(target)))),
                partitionedCase("a partition given other columns than its table's in the target (none in the source)",
                        target -> withPartition(target, List.of("1"), p -> withColumns(p,
                                List.of(ColumnSpec.of("id", "bigint")))), partitionLevel(SCHEMA_DRIFT, "1")),
                partitionedCase("the tables' columns differ, neither side's partitions have their own",
                        target -> withTable(withPartition(target, List.of("1"), p -> withColumns(p, List.of())),
                                t -> columns(t, List.of(ColumnSpec.of("id", "bigint")))), table(SCHEMA_DRIFT)),
                partitionedCase("partition serde parameter", target -> withPartition(target, List.of("1"),
                        p -> new PartitionState(p.values(), p.location(), new StorageFormat(p.storage().inputFormat(),
                                p.storage().outputFormat(), p.storage().serializationLib(), Map.of()),
                                p.parameters(), p.files())), partitionLevel(STORAGE_DRIFT, "1")),
                partitionedCase("partition parameter", target -> withPartition(target, List.of("2"),
                        p -> new PartitionState(p.values(), p.location(), p.storage(),
                                plus(p.parameters(), "retention", "30d"), p.files())),
                        partitionLevel(PARAMETER_DRIFT, "2")),
                partitionedCase("file only in source", target -> withPartition(target, List.of("1"),
                        p -> withPartitionFiles(p, files -> files.subList(1, 2))),
                        fileLevel(MISSING_FILE, "1", "part-0.parquet")),
                partitionedCase("file only in target", target -> withPartition(target, List.of("2"),
                        p -> withPartitionFiles(p, files -> append(files, file("_SUCCESS", 0, 0)))),
                        fileLevel(EXTRA_FILE, "2", "_SUCCESS")),
                partitionedCase("file checksum", target -> withPartition(target, List.of("2"),
                        p -> withPartitionFiles(p, files -> List.of(file("nested/part-0.parquet", 30, 4)))),
                        fileLevel(DIFFERENT_FILE, "2", "nested/part-0.parquet")),
                partitionedCase("file size", target -> withPartition(target, List.of("1"),
                        p -> withPartitionFiles(p, files -> List.of(files.get(0), file("part-1.parquet", 21, 2)))),
                        fileLevel(DIFFERENT_FILE, "1", "part-1.parquet")),
                unpartitionedCase("unpartitioned identical", target -> target),
                unpartitionedCase("unpartitioned file only in source", target -> withFiles(target,
                        files -> files.subList(1, 2)), new Found(MISSING_FILE, List.of(), "part-0")),
                unpartitionedCase("unpartitioned file only in target", target -> withFiles(target,
                        files -> append(files, file("part-2", 1, 1))), new Found(EXTRA_FILE, List.of(), "part-2")),
                unpartitionedCase("unpartitioned file checksum", target -> withFiles(target,
                        files -> List.of(files.get(0), file("part-1", 6, 9))),
                        new Found(DIFFERENT_FILE, List.of(), "part-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsExactlyTheExpectedDivergences(String name, TableState source, TableState target, List<Found> expected) {
        assertThat(TableDiff.diff(source, target)).map(Found::of).containsExactlyElementsOf(expected);
    }

    @Test
    void partitionOnlyInTargetIsExtraPartition() {
        TableState target = withPartitions(partitioned(TARGET),
                partitions -> append(partitions, partition("file:/b/x/ds=3", List.of("3"), file("p", 1, 1))));

        assertThat(TableDiff.diff(partitioned(SOURCE), target)).containsExactly(
                new Divergence(EXTRA_PARTITION, TABLE, List.of("3"), "", "absent in a, 1 file in b"));
    }

    @Test
    void tableOnlyInTargetIsExtraTable() {
        assertThat(TableDiff.diff(TableState.absent(SOURCE, TABLE), partitioned(TARGET))).containsExactly(
                new Divergence(EXTRA_TABLE, TABLE, List.of(), "", "absent in a, exists in b"));
    }

    @Test
    void aManagedSourceAndItsExternalReplicaAreConsistent() {
        TableState source = withTable(partitioned(SOURCE), t -> t.withTableType(TableSnapshot.MANAGED_TABLE));
        TableState target = withTable(partitioned(TARGET), t -> t.withParameters(
                ReplicaForm.table(source.snapshot().orElseThrow()).parameters()));

        assertThat(TableDiff.diff(source, target)).isEmpty();
    }

    @Test
    void everyFieldGroupDriftsUnderItsOwnClass() {
        TableState source = partitioned(SOURCE);
        assertThat(classes(source, withTable(partitioned(TARGET), t -> t.withStorage(t.storage()
                .withBucketing(new Bucketing(4, List.of("id"), List.of())))))).containsExactly(BUCKETING_DRIFT);
        assertThat(classes(source, withTable(partitioned(TARGET), t -> t.withStorage(t.storage()
                .withSkew(new Skew(List.of("id"), List.of(List.of("1")), List.of()), false)))))
                .containsExactly(SKEW_DRIFT);
        assertThat(classes(source, withTable(partitioned(TARGET), t -> t.withView(new ViewText("a", "b")))))
                .containsExactly(VIEW_DRIFT);
        assertThat(classes(source, withTable(partitioned(TARGET), t -> t.withStorage(t.storage()
                .withSerdeDetails(new SerdeDetails("", "", "org.example.Reader", "SCHEMA_REGISTRY"))))))
                .containsExactly(STORAGE_DRIFT);
        assertThat(classes(source, withTable(partitioned(TARGET), t -> t.withOwner(Owner.user("mallory")))))
                .containsExactly(OWNER_DRIFT);
        assertThat(classes(source, withPartition(partitioned(TARGET), List.of("1"),
                p -> new PartitionState(p.values(), p.location(), List.of(ColumnSpec.of("extra", "int")), p.storage(),
                        p.parameters(), p.columnStatistics(), p.files())))).containsExactly(SCHEMA_DRIFT);
        assertThat(classes(source, withPartition(partitioned(TARGET), List.of("1"),
                p -> new PartitionState(p.values(), p.location(), p.columns(), p.storage(),
                        Map.of("numRows", "99"), p.columnStatistics(), p.files())))).containsExactly(STATISTICS_DRIFT);
        assertThat(classes(source, withPartition(partitioned(TARGET), List.of("1"),
                p -> new PartitionState(p.values(), p.location(), p.columns(), p.storage(), p.parameters(),
                        List.of(new ColumnStatistic("id", "bigint", "{}")), p.files()))))
                .containsExactly(STATISTICS_DRIFT);
    }

    @Test
    void constraintsDriftByNameFieldByField() {
        TableConstraint key = new TableConstraint(TableConstraint.Kind.PRIMARY_KEY, "pk_orders", List.of("id"), "",
                List.of(), "", "", 0, 0, false, false, true);
        TableConstraint notNull = new TableConstraint(TableConstraint.Kind.NOT_NULL, "nn_amount", List.of("amount"),
                "", List.of(), "", "", 0, 0, true, false, false);
        TableState source = partitioned(SOURCE).withConstraints(List.of(notNull, key));

        assertThat(TableDiff.diff(source, partitioned(TARGET).withConstraints(List.of(key, notNull)))).isEmpty();
        assertThat(TableDiff.diff(source, partitioned(TARGET).withConstraints(List.of(key))))
                .extracting(Divergence::divergenceClass, Divergence::detail).containsExactly(tuple(CONSTRAINT_DRIFT,
                        "nn_amount: 'NOT_NULL nn_amount (amount) ENABLE NOVALIDATE NORELY' in a, absent in b"));
        TableConstraint noLongerRelied = new TableConstraint(TableConstraint.Kind.PRIMARY_KEY, "pk_orders",
                List.of("id"), "", List.of(), "", "", 0, 0, false, false, false);
        assertThat(classes(source, partitioned(TARGET).withConstraints(List.of(noLongerRelied, notNull))))
                .containsExactly(CONSTRAINT_DRIFT);
        assertThat(classes(partitioned(SOURCE), partitioned(TARGET).withConstraints(List.of(key))))
                .containsExactly(CONSTRAINT_DRIFT);
    }

    @Test
    void aDatabaseMissingOrDriftingInTheTargetIsReportedOnTheTable() {
        DatabaseSnapshot database = new DatabaseSnapshot("sales", "", "about sales", Map.of("team", "t"));
        TableState source = partitioned(SOURCE).withDatabase(Optional.of(database));

        assertThat(classes(source, partitioned(TARGET))).containsExactly(MISSING_DATABASE);
        assertThat(classes(source, partitioned(TARGET).withDatabase(Optional.of(database)))).isEmpty();
        assertThat(classes(source, partitioned(TARGET).withDatabase(Optional.of(
                database.withParameters(Map.of("team", "u")))))).containsExactly(DATABASE_DRIFT);
    }

    private static final ReplicaLocations LOCATIONS = new ReplicaLocations(new PathMapper(SOURCE,
            Map.of("wh", "file:/a/warehouse"), TARGET, Map.of("wh", "file:/b/warehouse")));

    /** The target as Strait writes it: partitions in version folders below the mapped locations. */
    private static TableState inVersionFolders(TableState target) {
        return withPartitions(target, partitions -> partitions.stream()
                .map(partition -> relocated(partition, partition.location() + "/_strait_v5_1")).toList());
    }

    private static PartitionState relocated(PartitionState partition, String location) {
        return new PartitionState(partition.values(), location, partition.columns(), partition.storage(),
                partition.parameters(), partition.columnStatistics(), partition.files());
    }

    @Test
    void withTheLinksMappingATableOrPartitionOutOfPlaceIsLocationDrift() {
        TableState target = inVersionFolders(partitioned(TARGET));
        TableState partitionMoved = withPartition(target, List.of("2"),
                partition -> relocated(partition, "file:/b/manual/ds=2"));
        TableState tableMoved = withTable(target, table -> table.withLocation("file:/b/warehouse/sales/moved"));

        assertThat(TableDiff.diff(partitioned(SOURCE), target, true, Optional.of(LOCATIONS))).isEmpty();
        assertThat(TableDiff.diff(partitioned(SOURCE), partitionMoved, true, Optional.of(LOCATIONS)))
                .singleElement().satisfies(divergence -> {
                    assertThat(Found.of(divergence)).isEqualTo(new Found(LOCATION_DRIFT, List.of("2"), ""));
                    assertThat(divergence.detail())
                            .isEqualTo("expected a Strait version folder, found file:/b/manual/ds=2");
                });
        assertThat(TableDiff.diff(partitioned(SOURCE), tableMoved, true, Optional.of(LOCATIONS)))
                .singleElement().satisfies(divergence -> {
                    assertThat(Found.of(divergence)).isEqualTo(new Found(LOCATION_DRIFT, List.of(), ""));
                    assertThat(divergence.detail()).isEqualTo("expected file:/b/warehouse/sales/orders, found"
                            + " file:/b/warehouse/sales/moved");
                });
        assertThat(TableDiff.diff(partitioned(SOURCE), partitionMoved)).as("without the mapping: not compared")
                .isEmpty();
    }

    @Test
    void withTheLinksMappingADatabaseLocationDrifts() {
        DatabaseSnapshot source = new DatabaseSnapshot("sales", "file:/a/warehouse/sales.db", "", Map.of(),
                Owner.NONE, "file:/a/warehouse/managed/sales.db");
        DatabaseSnapshot replica = new DatabaseSnapshot("sales", "file:///b/warehouse/sales.db/", "", Map.of(),
                Owner.NONE, "file:/b/warehouse/managed/sales.db");
        TableState sourceState = partitioned(SOURCE).withDatabase(Optional.of(source));
        TableState target = inVersionFolders(partitioned(TARGET));

        assertThat(TableDiff.diff(sourceState, target.withDatabase(Optional.of(replica)), true,
                Optional.of(LOCATIONS))).isEmpty();
        DatabaseSnapshot moved = new DatabaseSnapshot("sales", "file:/b/other.db", "", Map.of(), Owner.NONE, "");
        assertThat(TableDiff.diff(sourceState, target.withDatabase(Optional.of(moved)), true,
                Optional.of(LOCATIONS))).singleElement().satisfies(divergence -> {
                    assertThat(divergence.divergenceClass()).isEqualTo(DATABASE_DRIFT);
                    assertThat(divergence.detail()).isEqualTo("database sales: <location>: "
                            + "'file:/b/warehouse/sales.db' in a, 'file:/b/other.db' in b; <managed location>: "
                            + "'file:/b/warehouse/managed/sales.db' in a, '' in b");
                });
        DatabaseSnapshot on31 = new DatabaseSnapshot("sales", "file:/b/warehouse/sales.db", "", Map.of());
        DatabaseSnapshot unmapped = new DatabaseSnapshot("sales", "file:/scratch/sales.db", "", Map.of());
        assertThat(TableDiff.diff(partitioned(SOURCE).withDatabase(Optional.of(unmapped)),
                target.withDatabase(Optional.of(on31)), true, Optional.of(LOCATIONS)))
                .as("a source location under no shared root: the target metastore chose").isEmpty();
    }

    private static List<DivergenceClass> classes(TableState source, TableState target) {
        return TableDiff.diff(source, target).stream().map(Divergence::divergenceClass).toList();
    }

    @Test
    void absentOnBothSidesIsNoDivergence() {
        assertThat(TableDiff.diff(TableState.absent(SOURCE, TABLE), TableState.absent(TARGET, TABLE))).isEmpty();
    }

    @Test
    void missingTableHidesEveryOtherDifference() {
        TableState source = withTable(partitioned(SOURCE), t -> t.withTableType("VIRTUAL_VIEW"));

        assertThat(TableDiff.diff(source, TableState.absent(TARGET, TABLE))).containsExactly(
                new Divergence(MISSING_TABLE, TABLE, List.of(), "", "exists in a, absent in b"));
    }

    @Test
    void partitionKeyCountChangeSkipsPartitionComparison() {
        TableState target = new TableState(TARGET, TABLE, java.util.Optional.of(partitionKeys(
                partitioned(TARGET).snapshot().orElseThrow(), List.of(ColumnSpec.of("ds", "string"),
                        ColumnSpec.of("hour", "int")))), List.of(partition("file:/b/x", List.of("1", "3"))), List.of());

        assertThat(TableDiff.diff(partitioned(SOURCE), target)).map(Found::of).containsExactly(
                new Found(PARTITION_KEY_DRIFT, List.of(), ""));
    }

    @Test
    void detailsShowBothSidesValues() {
        TableState target = withTable(withPartition(partitioned(TARGET), List.of("2"),
                p -> withPartitionFiles(p, files -> List.of(file("nested/part-0.parquet", 31, 4)))),
                t -> t.withParameters(plus(Map.of("EXTERNAL", "TRUE", "team", "x"), "owner_team", "fraud")));

        assertThat(TableDiff.diff(partitioned(SOURCE), target)).map(Divergence::detail).containsExactly(
                "owner_team: 'payments' in a, 'fraud' in b; team: absent in a, 'x' in b",
                "size=30 crc32c:00000003 in a, size=31 crc32c:00000004 in b");
    }

    @Test
    void schemaDriftNamesEachChangedColumn() {
        TableState target = withTable(partitioned(TARGET), t -> columns(t, List.of(
                ColumnSpec.of("id", "int"), new ColumnSpec("amount", "double", "in cents"),
                ColumnSpec.of("x", "int"))));

        assertThat(TableDiff.diff(partitioned(SOURCE), target)).map(Divergence::detail).containsExactly(
                "amount: 'double' in a, 'double comment 'in cents'' in b; id: 'bigint' in a, 'int' in b; "
                        + "x: absent in a, 'int' in b");
    }

    @Test
    void schemaDriftOfOrderOnlyShowsBothOrders() {
        TableState target = withTable(partitioned(TARGET), t -> columns(t,
                List.of(ColumnSpec.of("amount", "double"), ColumnSpec.of("id", "bigint"))));

        assertThat(TableDiff.diff(partitioned(SOURCE), target)).containsExactly(new Divergence(SCHEMA_DRIFT, TABLE,
                List.of(), "", "column order: [id, amount] in a, [amount, id] in b"));
    }

    @Test
    void reportsTableLevelFirstThenByPartitionThenByPath() {
        TableState target = withTable(withPartitions(partitioned(TARGET), partitions -> List.of(
                partition("file:/b/1", List.of("1"), file("part-1.parquet", 20, 9), file("a", 1, 1)))),
                t -> t.withTableType("MANAGED_TABLE"));

        assertThat(TableDiff.diff(partitioned(SOURCE), target)).map(Found::of).containsExactly(
                new Found(TABLE_TYPE_DRIFT, List.of(), ""),
                new Found(EXTRA_FILE, List.of("1"), "a"),
                new Found(MISSING_FILE, List.of("1"), "part-0.parquet"),
                new Found(DIFFERENT_FILE, List.of("1"), "part-1.parquet"),
                new Found(MISSING_PARTITION, List.of("2"), ""));
    }

    @Test
    void refusesToDiffDifferentTables() {
        TableState other = TableState.absent(TARGET, TableRef.of("sales", "refunds"));

        assertThatThrownBy(() -> TableDiff.diff(partitioned(SOURCE), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sales.refunds");
    }

    @Test
    void coverageCountsPartitionsAndDistinctFilesOfBothSides() {
        TableState target = withPartitions(partitioned(TARGET), partitions -> List.of(
                partition("file:/b/1", List.of("1"), file("part-0.parquet", 10, 1), file("extra", 1, 1)),
                partition("file:/b/3", List.of("3"), file("x", 1, 1))));

        assertThat(TableDiff.coverage(partitioned(SOURCE), target)).isEqualTo(new Coverage(3, 5));
        assertThat(TableDiff.coverage(unpartitioned(SOURCE), unpartitioned(TARGET))).isEqualTo(new Coverage(1, 2));
        assertThat(TableDiff.coverage(partitioned(SOURCE), TableState.absent(TARGET, TABLE)))
                .isEqualTo(new Coverage(1, 0));
    }

    private static Arguments partitionedCase(String name, UnaryOperator<TableState> editTarget, Found... expected) {
        return Arguments.of(name, TestingStates.partitioned(SOURCE),
                editTarget.apply(TestingStates.partitioned(TARGET)), List.of(expected));
    }

    private static Arguments unpartitionedCase(String name, UnaryOperator<TableState> editTarget, Found... expected) {
        return Arguments.of(name, TestingStates.unpartitioned(SOURCE),
                editTarget.apply(TestingStates.unpartitioned(TARGET)), List.of(expected));
    }

    private static Found table(DivergenceClass divergenceClass) {
        return new Found(divergenceClass, List.of(), "");
    }

    private static Found partitionLevel(DivergenceClass divergenceClass, String value) {
        return new Found(divergenceClass, List.of(value), "");
    }

    private static Found fileLevel(DivergenceClass divergenceClass, String value, String path) {
        return new Found(divergenceClass, List.of(value), path);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> result = new ArrayList<>(list);
        result.add(element);
        return result;
    }

    private static PartitionState withColumns(PartitionState p, List<ColumnSpec> columns) {
        return new PartitionState(p.values(), p.location(), columns, p.storage(), p.parameters(),
                p.columnStatistics(), p.files());
    }

    private static List<ColumnSpec> tableColumns(TableState state) {
        return state.snapshot().orElseThrow().columns();
    }

    @Test
    void aSourcePartitionWithItsTablesColumnsEqualsAReplicaWithoutColumnsOfItsOwn() {
        TableState source = withPartition(partitioned(SOURCE), List.of("2"),
                p -> withColumns(p, tableColumns(partitioned(SOURCE))));

        assertThat(TableDiff.diff(source, partitioned(TARGET))).isEmpty();
        assertThat(TableDiff.diff(source, withTable(partitioned(TARGET), t -> columns(t,
                List.of(ColumnSpec.of("id", "bigint"))))))
                .map(Found::of).containsExactly(new Found(SCHEMA_DRIFT, List.of(), ""),
                        new Found(SCHEMA_DRIFT, List.of("2"), ""));
    }

    private static TableSnapshot columns(TableSnapshot t, List<ColumnSpec> columns) {
        return new TableSnapshot(t.ref(), t.tableType(), t.location(), columns, t.partitionKeys(), t.storage(),
                t.parameters(), t.owner(), t.view());
    }

    private static TableSnapshot partitionKeys(TableSnapshot t, List<ColumnSpec> keys) {
        return new TableSnapshot(t.ref(), t.tableType(), t.location(), t.columns(), keys, t.storage(),
                t.parameters(), t.owner(), t.view());
    }

    private static TableSnapshot storage(TableSnapshot t, StorageFormat storage) {
        return new TableSnapshot(t.ref(), t.tableType(), t.location(), t.columns(), t.partitionKeys(), storage,
                t.parameters(), t.owner(), t.view());
    }
}
