package io.strait.reparo.diff;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.ReplicaForm;
import io.strait.common.metastore.ReplicaLocations;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The pure diff of one table between a source region and a target region. Rules:
 * <ul>
 *   <li>a table absent on the target is {@code MISSING_TABLE} and nothing else; absent on the source but present on
 *       the target, {@code EXTRA_TABLE};</li>
 *   <li>the target is compared with the replica form of the source ({@code ReplicaForm}), one class per field
 *       group: table type, columns, partition keys, view text, owner, storage (formats, serde, compression),
 *       bucketing, skew, parameters and statistics (basic statistics parameters and column statistics) drift as
 *       {@code TABLE_TYPE_DRIFT}, {@code SCHEMA_DRIFT}, {@code PARTITION_KEY_DRIFT}, {@code VIEW_DRIFT},
 *       {@code OWNER_DRIFT}, {@code STORAGE_DRIFT}, {@code BUCKETING_DRIFT}, {@code SKEW_DRIFT},
 *       {@code PARAMETER_DRIFT} and {@code STATISTICS_DRIFT}, its constraints (by name, every field) as
 *       {@code CONSTRAINT_DRIFT}; a partition is compared the same way with its own columns (as readers see them:
 *       its table's where it has none of its own), storage, parameters and statistics;</li>
 *   <li>the table's database, when read, is {@code MISSING_DATABASE} in the target or drifts as
 *       {@code DATABASE_DRIFT} (description, owner, parameters, and with {@link ReplicaLocations} its location and
 *       managed location), reported on the table;</li>
 *   <li>when both sides have the same number of partition keys, partitions are matched by values: only in the source
 *       is {@code MISSING_PARTITION}, only in the target {@code EXTRA_PARTITION}; a partition on both sides is
 *       compared for storage and parameter drift and file by file ({@link FileDiff}). Unpartitioned tables compare
 *       the table's own files;</li>
 *   <li>with {@link ReplicaLocations}, a table or partition that does not lie where Strait places its replica is
 *       {@code LOCATION_DRIFT} (a partitioned table at the source's location mapped, data in a Strait version
 *       folder); without, locations are not compared. Files and skew locations are compared relative to each side's
 *       own location.</li>
 * </ul>
 * The result is sorted by {@link DivergenceOrder}: the same inputs in any listing order give the same list.
 */
public final class TableDiff {
    private TableDiff() {
    }

    public static List<Divergence> diff(TableState source, TableState target) {
        return diff(source, target, true, Optional.empty());
    }

    /**
     * The diff; with {@code filesListed} false (a {@code meta} depth scan, which lists no file) files are not
     * compared and a partition on one side only is reported without a file count.
     */
    public static List<Divergence> diff(TableState source, TableState target, boolean filesListed,
            Optional<ReplicaLocations> locations) {
        if (!source.ref().equals(target.ref())) {
            throw new IllegalArgumentException("Cannot diff " + source.ref() + " against " + target.ref());
        }
        Findings findings = new Findings(source.ref(), source.region(), target.region());
        compareDatabases(source, target, findings, locations);
        if (source.exists() && target.exists()) {
            compareTables(source, target, findings, filesListed, locations);
        } else if (source.exists() || target.exists()) {
            DivergenceClass presence = source.exists() ? DivergenceClass.MISSING_TABLE : DivergenceClass.EXTRA_TABLE;
            findings.addTable(presence, findings.bothSides(existence(source), existence(target)));
        }
        return findings.sorted();
    }

    /** What a reconcile of these two states covers: partitions (or the table) and distinct files on either side. */
    public static Coverage coverage(TableState source, TableState target) {
        if (!source.exists() || !target.exists()) {
            return new Coverage(1, 0);
        }
        if (!source.snapshot().orElseThrow().isPartitioned()) {
            return new Coverage(1, FileDiff.distinctPaths(source.files(), target.files()));
        }
        Map<List<String>, PartitionState> sourcePartitions = byValues(source.partitions());
        Map<List<String>, PartitionState> targetPartitions = byValues(target.partitions());
        TreeSet<List<String>> all = new TreeSet<>(DivergenceOrder.VALUES);
        all.addAll(sourcePartitions.keySet());
        all.addAll(targetPartitions.keySet());
        long files = 0;
        for (List<String> values : all) {
            files += FileDiff.distinctPaths(filesOf(sourcePartitions.get(values)),
                    filesOf(targetPartitions.get(values)));
        }
        return new Coverage(all.size(), files);
    }

    private static void compareDatabases(TableState source, TableState target, Findings findings,
            Optional<ReplicaLocations> locations) {
        if (source.database().isEmpty()) {
            return;
        }
        if (target.database().isEmpty()) {
            findings.addTable(DivergenceClass.MISSING_DATABASE, "database " + source.database().get().name() + ": "
                    + findings.bothSides(Optional.of("exists"), Optional.empty()));
            return;
        }
        new DriftDetails(findings).database(ReplicaForm.database(source.database().get()), target.database().get(),
                locations).ifPresent(detail -> findings.addTable(DivergenceClass.DATABASE_DRIFT, detail));
    }

    private static void compareTables(TableState source, TableState target, Findings findings,
            boolean filesListed, Optional<ReplicaLocations> locations) {
        TableSnapshot sourceTable = source.snapshot().orElseThrow();
        TableSnapshot targetTable = target.snapshot().orElseThrow();
        DriftDetails drift = new DriftDetails(findings);
        compareTableMetadata(sourceTable, targetTable, findings, drift);
        locations.flatMap(rule -> rule.misplacedTable(sourceTable, targetTable))
                .ifPresent(detail -> findings.addTable(DivergenceClass.LOCATION_DRIFT, detail));
        drift.statistics(sourceTable.parameters(), source.columnStatistics(), targetTable.parameters(),
                target.columnStatistics())
                .ifPresent(detail -> findings.addTable(DivergenceClass.STATISTICS_DRIFT, detail));
        drift.constraints(source.constraints(), target.constraints())
                .ifPresent(detail -> findings.addTable(DivergenceClass.CONSTRAINT_DRIFT, detail));
        if (sourceTable.partitionKeys().size() != targetTable.partitionKeys().size()) {
            return;
        }
        if (sourceTable.isPartitioned()) {
            comparePartitions(new Side(source.partitions(), sourceTable.columns()),
                    new Side(target.partitions(), targetTable.columns()), findings, drift, filesListed, locations);
        } else if (filesListed) {
            FileDiff.compare(source.files(), target.files(), List.of(), findings);
        }
    }

    /** The target table against the replica form of the source ({@link ReplicaForm}), field group by group. */
    private static void compareTableMetadata(TableSnapshot sourceTable, TableSnapshot target, Findings findings,
            DriftDetails drift) {
        TableSnapshot source = ReplicaForm.table(sourceTable);
        if (!source.tableType().equals(target.tableType())) {
            findings.addTable(DivergenceClass.TABLE_TYPE_DRIFT, findings.bothSides(
                    Optional.of("'" + source.tableType() + "'"), Optional.of("'" + target.tableType() + "'")));
        }
        drift.columns(source.columns(), target.columns())
                .ifPresent(detail -> findings.addTable(DivergenceClass.SCHEMA_DRIFT, detail));
        drift.columns(source.partitionKeys(), target.partitionKeys())
                .ifPresent(detail -> findings.addTable(DivergenceClass.PARTITION_KEY_DRIFT, detail));
        drift.view(source.view(), target.view())
                .ifPresent(detail -> findings.addTable(DivergenceClass.VIEW_DRIFT, detail));
        drift.owner(source.owner(), target.owner())
                .ifPresent(detail -> findings.addTable(DivergenceClass.OWNER_DRIFT, detail));
        compareStorage(source.storage(), source.location(), target.storage(), target.location(), drift,
                (divergenceClass, detail) -> findings.addTable(divergenceClass, detail));
        drift.parameters(source.parameters(), target.parameters())
                .ifPresent(detail -> findings.addTable(DivergenceClass.PARAMETER_DRIFT, detail));
    }

    private static void compareStorage(StorageFormat source, String sourceLocation, StorageFormat target,
            String targetLocation, DriftDetails drift, BiConsumer<DivergenceClass, String> report) {
        drift.storage(source, target).ifPresent(detail -> report.accept(DivergenceClass.STORAGE_DRIFT, detail));
        drift.bucketing(source.bucketing(), target.bucketing())
                .ifPresent(detail -> report.accept(DivergenceClass.BUCKETING_DRIFT, detail));
        drift.skew(source, sourceLocation, target, targetLocation)
                .ifPresent(detail -> report.accept(DivergenceClass.SKEW_DRIFT, detail));
    }

    /** One side's partitions and its table's columns. */
    private record Side(List<PartitionState> partitions, List<ColumnSpec> tableColumns) {
    }

    private static void comparePartitions(Side source, Side target, Findings findings, DriftDetails drift,
            boolean filesListed, Optional<ReplicaLocations> locations) {
        Map<List<String>, PartitionState> targetByValues = byValues(target.partitions());
        Map<List<String>, PartitionState> sourceByValues = byValues(source.partitions());
        sourceByValues.forEach((values, sourcePartition) -> {
            PartitionState targetPartition = targetByValues.get(values);
            if (targetPartition == null) {
                findings.addPartition(DivergenceClass.MISSING_PARTITION, values,
                        findings.bothSides(Optional.of(fileCount(sourcePartition, filesListed)), Optional.empty()));
            } else {
                comparePartition(sourcePartition, source.tableColumns(), targetPartition, target.tableColumns(),
                        findings, drift);
                locations.flatMap(rule -> rule.misplacedPartition(targetPartition.location())).ifPresent(detail ->
                        findings.addPartition(DivergenceClass.LOCATION_DRIFT, values, detail));
            }
        });
        targetByValues.forEach((values, targetPartition) -> {
            if (!sourceByValues.containsKey(values)) {
                findings.addPartition(DivergenceClass.EXTRA_PARTITION, values,
                        findings.bothSides(Optional.empty(), Optional.of(fileCount(targetPartition, filesListed))));
            }
        });
    }

    private static void comparePartition(PartitionState source, List<ColumnSpec> sourceTableColumns,
            PartitionState target, List<ColumnSpec> targetTableColumns, Findings findings, DriftDetails drift) {
        BiConsumer<DivergenceClass, String> report =
                (divergenceClass, detail) -> findings.addPartition(divergenceClass, source.values(), detail);
        partitionColumnDrift(source, sourceTableColumns, target, targetTableColumns, drift)
                .ifPresent(detail -> report.accept(DivergenceClass.SCHEMA_DRIFT, detail));
        compareStorage(source.storage(), source.location(), target.storage(), target.location(), drift, report);
        drift.parameters(source.parameters(), target.parameters())
                .ifPresent(detail -> report.accept(DivergenceClass.PARAMETER_DRIFT, detail));
        drift.statistics(source.parameters(), source.columnStatistics(), target.parameters(),
                target.columnStatistics()).ifPresent(detail -> report.accept(DivergenceClass.STATISTICS_DRIFT, detail));
        FileDiff.compare(source.files(), target.files(), source.values(), findings);
    }

    /**
     * A partition's columns against its replica's, as readers see them: a partition without columns of its own is
     * read with its table's (Hive Metastore 4.0.1 even fills the table's in on the partition's first alter), so where
     * only one side has columns of its own, they are compared with the table columns of the other side. Where neither
     * has, there is nothing of the partitions' own to compare (the tables' columns are compared on their own).
     */
    private static Optional<String> partitionColumnDrift(PartitionState source, List<ColumnSpec> sourceTableColumns,
            PartitionState target, List<ColumnSpec> targetTableColumns, DriftDetails drift) {
        List<ColumnSpec> sourceColumns = source.columns();
        List<ColumnSpec> targetColumns = target.columns();
        if (sourceColumns.isEmpty() != targetColumns.isEmpty()) {
            sourceColumns = sourceColumns.isEmpty() ? sourceTableColumns : sourceColumns;
            targetColumns = targetColumns.isEmpty() ? targetTableColumns : targetColumns;
        }
        return drift.columns(sourceColumns, targetColumns);
    }

    private static Map<List<String>, PartitionState> byValues(List<PartitionState> partitions) {
        Map<List<String>, PartitionState> result = new TreeMap<>(DivergenceOrder.VALUES);
        partitions.forEach(partition -> result.put(partition.values(), partition));
        return result;
    }

    private static List<FileState> filesOf(PartitionState partition) {
        return partition == null ? List.of() : partition.files();
    }

    private static Optional<String> existence(TableState state) {
        return state.exists() ? Optional.of("exists") : Optional.empty();
    }

    private static String fileCount(PartitionState partition, boolean filesListed) {
        if (!filesListed) {
            return "exists";
        }
        return partition.files().size() == 1 ? "1 file" : partition.files().size() + " files";
    }
}
