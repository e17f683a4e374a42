package io.strait.reparo.diff;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.TableSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure diff of one table between a source region and a target region. Rules:
 * <ul>
 *   <li>a table absent on the target is {@code MISSING_TABLE} and nothing else; absent on the source but present on
 *       the target, {@code EXTRA_TABLE};</li>
 *   <li>table type, columns, partition keys, storage format and the parameters reconcile compares
 *       ({@code StraitParameters.comparable}) drift as {@code TABLE_TYPE_DRIFT}, {@code SCHEMA_DRIFT},
 *       {@code PARTITION_KEY_DRIFT}, {@code STORAGE_DRIFT} and {@code PARAMETER_DRIFT};</li>
 *   <li>when both sides have the same number of partition keys, partitions are matched by values: only in the source
 *       is {@code MISSING_PARTITION}, only in the target {@code EXTRA_PARTITION}; a partition on both sides is
 *       compared for storage and parameter drift and file by file ({@link FileDiff}). Unpartitioned tables compare
 *       the table's own files;</li>
 *   <li>locations are never compared: a replica lives under mapped roots and in version folders by design.</li>
 * </ul>
 * The result is sorted by {@link DivergenceOrder}: the same inputs in any listing order give the same list.
 */
public final class TableDiff {
    private TableDiff() {
    }

    public static List<Divergence> diff(TableState source, TableState target) {
        if (!source.ref().equals(target.ref())) {
            throw new IllegalArgumentException("Cannot diff " + source.ref() + " against " + target.ref());
        }
        Findings findings = new Findings(source.ref(), source.region(), target.region());
        if (source.exists() && target.exists()) {
            compareTables(source, target, findings);
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

    private static void compareTables(TableState source, TableState target, Findings findings) {
        TableSnapshot sourceTable = source.snapshot().orElseThrow();
        TableSnapshot targetTable = target.snapshot().orElseThrow();
        DriftDetails drift = new DriftDetails(findings);
        compareTableMetadata(sourceTable, targetTable, findings, drift);
        if (sourceTable.partitionKeys().size() != targetTable.partitionKeys().size()) {
            return;
        }
        if (sourceTable.isPartitioned()) {
            comparePartitions(source.partitions(), target.partitions(), findings, drift);
        } else {
            FileDiff.compare(source.files(), target.files(), List.of(), findings);
        }
    }

    private static void compareTableMetadata(TableSnapshot source, TableSnapshot target, Findings findings,
            DriftDetails drift) {
        if (!source.tableType().equals(target.tableType())) {
            findings.addTable(DivergenceClass.TABLE_TYPE_DRIFT, findings.bothSides(
                    Optional.of("'" + source.tableType() + "'"), Optional.of("'" + target.tableType() + "'")));
        }
        drift.columns(source.columns(), target.columns())
                .ifPresent(detail -> findings.addTable(DivergenceClass.SCHEMA_DRIFT, detail));
        drift.columns(source.partitionKeys(), target.partitionKeys())
                .ifPresent(detail -> findings.addTable(DivergenceClass.PARTITION_KEY_DRIFT, detail));
        drift.storage(source.storage(), target.storage())
                .ifPresent(detail -> findings.addTable(DivergenceClass.STORAGE_DRIFT, detail));
        drift.parameters(source.parameters(), target.parameters())
                .ifPresent(detail -> findings.addTable(DivergenceClass.PARAMETER_DRIFT, detail));
    }

    private static void comparePartitions(List<PartitionState> source, List<PartitionState> target,
            Findings findings, DriftDetails drift) {
        Map<List<String>, PartitionState> targetByValues = byValues(target);
        Map<List<String>, PartitionState> sourceByValues = byValues(source);
        sourceByValues.forEach((values, sourcePartition) -> {
            PartitionState targetPartition = targetByValues.get(values);
            if (targetPartition == null) {
                findings.addPartition(DivergenceClass.MISSING_PARTITION, values,
                        findings.bothSides(Optional.of(fileCount(sourcePartition)), Optional.empty()));
            } else {
                comparePartition(sourcePartition, targetPartition, findings, drift);
            }
        });
        targetByValues.forEach((values, targetPartition) -> {
            if (!sourceByValues.containsKey(values)) {
                findings.addPartition(DivergenceClass.EXTRA_PARTITION, values,
                        findings.bothSides(Optional.empty(), Optional.of(fileCount(targetPartition))));
            }
        });
    }

    private static void comparePartition(PartitionState source, PartitionState target, Findings findings,
            DriftDetails drift) {
        drift.storage(source.storage(), target.storage())
                .ifPresent(detail -> findings.addPartition(DivergenceClass.STORAGE_DRIFT, source.values(), detail));
        drift.parameters(source.parameters(), target.parameters())
                .ifPresent(detail -> findings.addPartition(DivergenceClass.PARAMETER_DRIFT, source.values(), detail));
        FileDiff.compare(source.files(), target.files(), source.values(), findings);
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

    private static String fileCount(PartitionState partition) {
        return partition.files().size() == 1 ? "1 file" : partition.files().size() + " files";
    }
}
