package io.strait.reparo;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.rows.DifferingRow;
import io.strait.common.rows.RowComparison;
import io.strait.common.rows.RowFormat;
import io.strait.common.rows.RowLocation;
import io.strait.common.rows.RowObject;
import io.strait.common.rows.RowSide;
import io.strait.reparo.diff.PartitionState;
import io.strait.reparo.diff.TableState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pure rules of the {@code rows} depth: which objects of a table have rows to compare (those present on both sides,
 * at their current locations, in a format the comparer reads), and the divergences a comparison makes.
 */
public final class RowChecks {
    private RowChecks() {
    }

    /** The objects to compare, and why others that exist on both sides cannot be compared. */
    public record Plan(List<RowObject> objects, List<String> problems) {
        public Plan {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
        }
    }

    /** The partitions (or the unpartitioned table) present in both regions; views have no rows. */
    public static Plan plan(TableState source, TableState target) {
        if (source.snapshot().isEmpty() || target.snapshot().isEmpty()) {
            return new Plan(List.of(), List.of());
        }
        TableSnapshot sourceTable = source.snapshot().get();
        TableSnapshot targetTable = target.snapshot().get();
        if (sourceTable.tableType().equals(TableSnapshot.VIRTUAL_VIEW)) {
            return new Plan(List.of(), List.of());
        }
        List<RowObject> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (sourceTable.partitionKeys().isEmpty()) {
            add(objects, problems, List.of(), source, sourceTable.location(), sourceTable.storage(), target,
                    targetTable.location(), targetTable.storage());
            return new Plan(objects, problems);
        }
        Map<List<String>, PartitionState> targetPartitions = new HashMap<>();
        target.partitions().forEach(partition -> targetPartitions.put(partition.values(), partition));
        source.partitions().stream().sorted(java.util.Comparator.comparing(partition -> String.join("/",
                partition.values()))).forEach(partition -> {
                    PartitionState replica = targetPartitions.get(partition.values());
                    if (replica != null) {
                        add(objects, problems, partition.values(), source, partition.location(),
                                storageOf(partition, sourceTable), target, replica.location(),
                                storageOf(replica, targetTable));
                    }
                });
        return new Plan(objects, problems);
    }

    private static StorageFormat storageOf(PartitionState partition, TableSnapshot table) {
        return partition.storage().equals(StorageFormat.NONE) ? table.storage() : partition.storage();
    }

    private static void add(List<RowObject> objects, List<String> problems, List<String> values, TableState source,
            String sourceLocation, StorageFormat sourceStorage, TableState target, String targetLocation,
            StorageFormat targetStorage) {
        String object = values.isEmpty() ? source.ref().toString() : source.ref() + "/" + String.join("/", values);
        Optional<RowFormat> sourceFormat = RowFormat.of(sourceStorage);
        Optional<RowFormat> targetFormat = RowFormat.of(targetStorage);
        if (sourceFormat.isEmpty() || targetFormat.isEmpty()) {
            problems.add(object + ": rows are compared for Parquet and ORC only, not input format '"
                    + (sourceFormat.isEmpty() ? sourceStorage.inputFormat() : targetStorage.inputFormat()) + "'");
        } else if (sourceLocation.isBlank() || targetLocation.isBlank()) {
            problems.add(object + ": has no location in region "
                    + (sourceLocation.isBlank() ? source.region() : target.region()));
        } else {
            objects.add(new RowObject(values, new RowLocation(source.region(), sourceLocation, sourceFormat.get()),
                    new RowLocation(target.region(), targetLocation, targetFormat.get())));
        }
    }

    /** One {@code DIFFERENT_ROWS} divergence per object whose rows differ. */
    public static List<Divergence> divergences(TableRef table, List<RowComparison> comparisons) {
        return comparisons.stream().filter(RowComparison::differs)
                .map(comparison -> new Divergence(DivergenceClass.DIFFERENT_ROWS, table,
                        comparison.partitionValues(), "", detail(comparison)))
                .toList();
    }

    /** Why objects could not be compared, one phrase each. */
    public static List<String> failures(TableRef table, List<RowComparison> comparisons) {
        return comparisons.stream().filter(RowComparison::failed).map(comparison -> table
                + (comparison.partitionValues().isEmpty() ? "" : "/" + String.join("/", comparison.partitionValues()))
                + ": " + comparison.error()).toList();
    }

    /**
     * {@code 1 row(s) only in the source, 2 only in the target (source 100 rows, target 101); source only: [..];
     * target only: [..]}.
     */
    static String detail(RowComparison comparison) {
        StringBuilder detail = new StringBuilder().append(comparison.sourceOnlyRows())
                .append(" row(s) only in the source, ").append(comparison.targetOnlyRows())
                .append(" only in the target (source ").append(comparison.sourceRows()).append(" rows, target ")
                .append(comparison.targetRows()).append(" rows)");
        for (RowSide side : RowSide.values()) {
            List<String> rows = comparison.sample().stream().filter(row -> row.side() == side)
                    .map(DifferingRow::row).toList();
            if (!rows.isEmpty()) {
                detail.append("; ").append(side == RowSide.SOURCE_ONLY ? "source only: " : "target only: ")
                        .append(rows.stream().map(row -> "{" + row + "}").collect(Collectors.joining(", ")));
            }
        }
        return detail.toString();
    }
}
