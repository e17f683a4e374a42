package io.strait.reparo.diff;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.StraitParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Spells what drifted between two sides' metadata: one {@code key: <value> in a, <value> in b} item per
 * difference, joined by {@code "; "}. Each method returns empty when the two sides agree.
 */
final class DriftDetails {
    private final Findings findings;

    DriftDetails(Findings findings) {
        this.findings = findings;
    }

    /** Differences of the parameters reconcile compares ({@link StraitParameters#comparable}). */
    Optional<String> parameters(Map<String, String> source, Map<String, String> target) {
        return keyed(StraitParameters.comparable(source), StraitParameters.comparable(target));
    }

    /** Differences of input/output format, serde library and serde parameters. */
    Optional<String> storage(StorageFormat source, StorageFormat target) {
        return keyed(storageItems(source), storageItems(target));
    }

    /** Differences of columns by name (type and comment), or of their order when only the order differs. */
    Optional<String> columns(List<ColumnSpec> source, List<ColumnSpec> target) {
        if (source.equals(target)) {
            return Optional.empty();
        }
        Optional<String> byName = keyed(columnItems(source), columnItems(target));
        if (byName.isPresent()) {
            return byName;
        }
        return Optional.of("column order: " + findings.bothSides(
                Optional.of(names(source).toString()), Optional.of(names(target).toString())));
    }

    private Optional<String> keyed(Map<String, String> source, Map<String, String> target) {
        List<String> items = new ArrayList<>();
        for (String key : new TreeSet<>(union(source, target))) {
            String sourceValue = source.get(key);
            String targetValue = target.get(key);
            if (!Objects.equals(sourceValue, targetValue)) {
                items.add(key + ": " + findings.bothSides(quoted(sourceValue), quoted(targetValue)));
            }
        }
        return items.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", items));
    }

    private static Map<String, String> storageItems(StorageFormat storage) {
        Map<String, String> items = new TreeMap<>();
        items.put("inputFormat", storage.inputFormat());
        items.put("outputFormat", storage.outputFormat());
        items.put("serializationLib", storage.serializationLib());
        storage.serdeParameters().forEach((key, value) -> items.put("serde " + key, value));
        return items;
    }

    private static Map<String, String> columnItems(List<ColumnSpec> columns) {
        Map<String, String> items = new LinkedHashMap<>();
        for (ColumnSpec column : columns) {
            String spelled = column.comment().isEmpty() ? column.type()
                    : column.type() + " comment '" + column.comment() + "'";
            items.merge(column.name(), spelled, (first, second) -> first + ", " + second);
        }
        return items;
    }

    private static List<String> names(List<ColumnSpec> columns) {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    private static List<String> union(Map<String, String> source, Map<String, String> target) {
        List<String> keys = new ArrayList<>(source.keySet());
        keys.addAll(target.keySet());
        return keys;
    }

    private static Optional<String> quoted(String value) {
        return value == null ? Optional.empty() : Optional.of("'" + value + "'");
    }
}
