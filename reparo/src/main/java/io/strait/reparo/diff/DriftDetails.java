package io.strait.reparo.diff;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.Bucketing;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.ReplicaLocations;
import io.strait.common.metastore.Skew;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.ViewText;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.region.Locations;
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

    /**
     * Differences of the parameters reconcile compares ({@link StraitParameters#comparable}) but Hive's basic
     * statistics, which {@link #statistics} compares.
     */
    Optional<String> parameters(Map<String, String> source, Map<String, String> target) {
        return keyed(withoutStatistics(source), withoutStatistics(target));
    }

    /** Differences of Hive's basic statistics parameters and of the column statistics, column by column. */
    Optional<String> statistics(Map<String, String> sourceParameters, List<ColumnStatistic> sourceColumns,
            Map<String, String> targetParameters, List<ColumnStatistic> targetColumns) {
        Map<String, String> source = basicStatistics(sourceParameters);
        Map<String, String> target = basicStatistics(targetParameters);
        sourceColumns.forEach(column -> source.put("column " + column.column(), column.data()));
        targetColumns.forEach(column -> target.put("column " + column.column(), column.data()));
        return keyed(source, target);
    }

    /**
     * Differences of input/output format, serde library, name, parameters and details, compression, descriptor
     * parameters.
     */
    Optional<String> storage(StorageFormat source, StorageFormat target) {
        return keyed(storageItems(source), storageItems(target));
    }

    /** Differences of bucket count, bucket columns and sort columns. */
    Optional<String> bucketing(Bucketing source, Bucketing target) {
        return source.equals(target) ? Optional.empty()
                : Optional.of(findings.bothSides(Optional.of(source.toString()), Optional.of(target.toString())));
    }

    /**
     * Differences of skew: columns, values, stored-as-subdirectories, and each skewed value's location relative to
     * its object's own location (a replica's lives in its version folder).
     */
    Optional<String> skew(StorageFormat source, String sourceLocation, StorageFormat target, String targetLocation) {
        return keyed(skewItems(source, sourceLocation), skewItems(target, targetLocation));
    }

    /** Differences of a view's original and expanded text. */
    Optional<String> view(ViewText source, ViewText target) {
        Map<String, String> sourceItems = new TreeMap<>(Map.of("original text", source.originalText(),
                "expanded text", source.expandedText()));
        return keyed(sourceItems, new TreeMap<>(Map.of("original text", target.originalText(),
                "expanded text", target.expandedText())));
    }

    /** A difference of owner (name and principal type). */
    Optional<String> owner(Owner source, Owner target) {
        return source.equals(target) ? Optional.empty()
                : Optional.of("owner: " + findings.bothSides(Optional.of(source.toString()),
                        Optional.of(target.toString())));
    }

    /**
     * Differences of a database's description, owner, kind (native, or remote on a data connector) and compared
     * parameters, and of its location and managed location where {@code locations} judges them (the source's mapped
     * to the target's roots).
     */
    Optional<String> database(DatabaseSnapshot source, DatabaseSnapshot target, Optional<ReplicaLocations> locations) {
        Map<String, String> sourceItems = databaseItems(source);
        Map<String, String> targetItems = databaseItems(target);
        locations.ifPresent(rule -> {
            rule.database(source.location()).ifPresent(expected -> {
                sourceItems.put("<location>", expected);
                targetItems.put("<location>", Locations.canonical(target.location()));
            });
            rule.database(source.managedLocation()).ifPresent(expected -> {
                sourceItems.put("<managed location>", expected);
                targetItems.put("<managed location>", Locations.canonical(target.managedLocation()));
            });
        });
        return keyed(sourceItems, targetItems).map(detail -> "database " + source.name() + ": " + detail);
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

    /** Differences of a table's constraints, constraint by constraint (by name). */
    Optional<String> constraints(List<TableConstraint> source, List<TableConstraint> target) {
        return keyed(constraintItems(source), constraintItems(target));
    }

    private static Map<String, String> constraintItems(List<TableConstraint> constraints) {
        Map<String, String> items = new TreeMap<>();
        constraints.forEach(constraint -> items.put(constraint.name(), constraint.describe()));
        return items;
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
        items.put("serde name", storage.serdeName());
        items.put("compressed", Boolean.toString(storage.compressed()));
        items.put("serde description", storage.serdeDetails().description());
        items.put("serializer class", storage.serdeDetails().serializerClass());
        items.put("deserializer class", storage.serdeDetails().deserializerClass());
        items.put("serde type", storage.serdeDetails().serdeType());
        storage.serdeParameters().forEach((key, value) -> items.put("serde " + key, value));
        storage.parameters().forEach((key, value) -> items.put("storage " + key, value));
        return items;
    }

    private static Map<String, String> skewItems(StorageFormat storage, String objectLocation) {
        Map<String, String> items = new TreeMap<>();
        items.put("skewed columns", storage.skew().columns().toString());
        items.put("skewed values", storage.skew().values().toString());
        items.put("stored as subdirectories", Boolean.toString(storage.storedAsSubDirectories()));
        String prefix = objectLocation.endsWith("/") ? objectLocation : objectLocation + "/";
        for (Skew.SkewedLocation location : storage.skew().locations()) {
            String relative = location.location().startsWith(prefix)
                    ? location.location().substring(prefix.length()) : location.location();
            items.put("skewed location " + location.values(), relative);
        }
        return items;
    }

    private static Map<String, String> databaseItems(DatabaseSnapshot database) {
        Map<String, String> items = new TreeMap<>(StraitParameters.comparable(database.parameters()));
        items.put("<description>", database.description());
        items.put("<owner>", database.owner().toString());
        items.put("<kind>", database.remote().toString());
        return items;
    }

    private static Map<String, String> withoutStatistics(Map<String, String> parameters) {
        Map<String, String> result = new TreeMap<>(StraitParameters.comparable(parameters));
        result.keySet().removeAll(StraitParameters.BASIC_STATISTICS);
        return result;
    }

    /** Hive's basic statistics of the parameters, a {@code 0} of {@link StraitParameters#ZERO_WHEN_ABSENT} left out. */
    private static Map<String, String> basicStatistics(Map<String, String> parameters) {
        Map<String, String> result = new TreeMap<>();
        parameters.forEach((key, value) -> {
            boolean zeroWhenAbsent = StraitParameters.ZERO_WHEN_ABSENT.contains(key) && "0".equals(value);
            if (StraitParameters.BASIC_STATISTICS.contains(key) && !zeroWhenAbsent) {
                result.put(key, value);
            }
        });
        return result;
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
