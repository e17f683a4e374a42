package io.strait.reparo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects of one table that had replication work in flight while it was scanned, each with why. A pure value.
 * Three scopes:
 * <ul>
 *   <li>the table itself (its metadata, its database, an unpartitioned table's files): a table or database job or
 *       event;</li>
 *   <li>one partition: a partition job or event;</li>
 *   <li>the whole table, partitions included: work that drops or (re)creates the table.</li>
 * </ul>
 */
public final class InFlight {
    private static final InFlight NONE = new InFlight(List.of(), List.of(), Map.of());
    private static final int REASONS_SHOWN = 3;

    private final List<String> table;
    private final List<String> wholeTable;
    private final Map<List<String>, List<String>> partitions;

    private InFlight(List<String> table, List<String> wholeTable, Map<List<String>, List<String>> partitions) {
        this.table = List.copyOf(table);
        this.wholeTable = List.copyOf(wholeTable);
        Map<List<String>, List<String>> copy = new TreeMap<>(InFlight::compareValues);
        partitions.forEach((values, reasons) -> copy.put(List.copyOf(values), List.copyOf(reasons)));
        this.partitions = copy;
    }

    /** Nothing in flight. */
    public static InFlight none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return table.isEmpty() && wholeTable.isEmpty() && partitions.isEmpty();
    }

    /** True when work replaces the whole table: every partition is in flight with it. */
    public boolean wholeTable() {
        return !wholeTable.isEmpty();
    }

    /**
     * Why the object is in flight, if it is: {@code partitionValues} empty for the table itself. With work on the
     * whole table every object of the table is in flight, for that reason.
     */
    public Optional<String> reason(List<String> partitionValues) {
        if (!wholeTable.isEmpty()) {
            return Optional.of(render(wholeTable));
        }
        List<String> reasons = partitionValues.isEmpty() ? table : partitions.get(partitionValues);
        return reasons == null || reasons.isEmpty() ? Optional.empty() : Optional.of(render(reasons));
    }

    /**
     * Every object in flight, by partition values ({@code []}: the table), table first then partitions in value
     * order; with work on the whole table only the table, which stands for all of them.
     */
    public List<List<String>> objects() {
        List<List<String>> objects = new ArrayList<>();
        if (!table.isEmpty() || !wholeTable.isEmpty()) {
            objects.add(List.of());
        }
        if (wholeTable.isEmpty()) {
            objects.addAll(partitions.keySet());
        }
        return objects;
    }

    /** Both: everything in flight in either, with the reasons of both. */
    public InFlight and(InFlight other) {
        Builder builder = builder();
        for (InFlight each : List.of(this, other)) {
            each.table.forEach(builder::table);
            each.wholeTable.forEach(builder::wholeTable);
            each.partitions.forEach((values, reasons) -> reasons.forEach(reason -> builder.partition(values, reason)));
        }
        return builder.build();
    }

    private static String render(List<String> reasons) {
        String shown = String.join("; ", reasons.subList(0, Math.min(REASONS_SHOWN, reasons.size())));
        return reasons.size() > REASONS_SHOWN ? shown + "; and " + (reasons.size() - REASONS_SHOWN) + " more" : shown;
    }

    static int compareValues(List<String> left, List<String> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int compared = left.get(i).compareTo(right.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InFlight that && table.equals(that.table) && wholeTable.equals(that.wholeTable)
                && partitions.equals(that.partitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, wholeTable, partitions);
    }

    @Override
    public String toString() {
        return "InFlight[table=" + table + ", wholeTable=" + wholeTable + ", partitions=" + partitions + "]";
    }

    /** Collects reasons; a reason given twice for one object is kept once. */
    public static final class Builder {
        private final Set<String> table = new LinkedHashSet<>();
        private final Set<String> wholeTable = new LinkedHashSet<>();
        private final Map<List<String>, Set<String>> partitions = new LinkedHashMap<>();

        private Builder() {
        }

        /** Work on the table itself (its metadata, database, or an unpartitioned table's data). */
        public Builder table(String reason) {
            addOnce(table, reason);
            return this;
        }

        /** Work that replaces the whole table, partitions included. */
        public Builder wholeTable(String reason) {
            addOnce(wholeTable, reason);
            return this;
        }

        /** Work on one partition; empty values mean the table itself. */
        public Builder partition(List<String> values, String reason) {
            if (values.isEmpty()) {
                return table(reason);
            }
            addOnce(partitions.computeIfAbsent(List.copyOf(values), ignored -> new LinkedHashSet<>()), reason);
            return this;
        }

        public InFlight build() {
            if (isEmpty()) {
                return NONE;
            }
            Map<List<String>, List<String>> byPartition = new LinkedHashMap<>();
            partitions.forEach((values, reasons) -> byPartition.put(values, List.copyOf(reasons)));
            return new InFlight(List.copyOf(table), List.copyOf(wholeTable), byPartition);
        }

        private boolean isEmpty() {
            return table.isEmpty() && wholeTable.isEmpty() && partitions.isEmpty();
        }

        private static void addOnce(Set<String> reasons, String reason) {
            reasons.add(Objects.requireNonNull(reason, "reason"));
        }
    }
}
