package io.strait.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;

import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.common.rows.DifferingRow;
import io.strait.common.rows.RowComparer;
import io.strait.common.rows.RowComparison;
import io.strait.common.rows.RowFormat;
import io.strait.common.rows.RowLocation;
import io.strait.common.rows.RowObject;
import io.strait.common.rows.RowSide;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the rows of a table's objects between two regions on Spark, reading each side's files at the objects'
 * current locations (Parquet or ORC).
 *
 * <p>One pass over both sides (per {@link #OBJECTS_PER_PASS} objects) computes each object's row count and an
 * order-independent hash of its rows, which a duplicated row changes too; objects whose count and hash are equal on
 * both sides are equal. Where every object is Parquet on both sides, or every object ORC, and both sides have the
 * same flat columns of primitive types, the file digest computes them ({@link FileDigestJob}: one Spark job whose
 * tasks read the files with parquet-mr, a dictionary-encoded value hashed by its dictionary id, never decoded, or
 * with orc-core's vectorized reader; the row hash of {@link RowDigest}, the count and the sum of row hashes modulo
 * 2^64). Elsewhere (mixed formats, nested columns, ORC timestamps without time zone or chars, sides with other
 * columns, a file the digest cannot read) Spark SQL does: each side's locations are read in one scan
 * ({@link ObjectScan}: the side's schema inferred once, each row's object a constant column of its file) and one
 * {@code groupBy} over the object computes the count and the sums of the low and high 32 bits of the row hash
 * ({@link RowHash}: {@code xxhash64} over all columns with their null flags, maps as their sorted entries), both
 * sides' aggregates in one Spark job. Either way both sides of a comparison are computed alike.
 *
 * <p>For an object that differs, Spark SQL narrows the rows down (with its own row hash, on both sides): they are
 * split into 64 buckets by a second hash, the buckets' aggregates compared, and differing buckets with many rows
 * split again (up to {@link #MAX_LEVELS} levels) until each holds at most {@link #LEAF_ROWS} rows; the multiset
 * difference ({@code exceptAll} both ways) of those buckets gives the differing rows, counted and sampled with their
 * side.
 *
 * <p>Columns are compared by name (the union of both sides', sorted; a column one side lacks is null there). An
 * object whose location does not exist on a side fails alone.
 */
public final class SparkRowComparer implements RowComparer {
    static final int BUCKETS = 64;
    static final int LEAF_ROWS = 4096;
    static final int MAX_LEVELS = 5;
    /** Objects read in one pass per side (one union of their locations; bounds the size of Spark's plan). */
    static final int OBJECTS_PER_PASS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(SparkRowComparer.class);
    private static final String OBJECT = "_strait_object";
    private static final String HASH = "_strait_hash";
    private static final String SIDE = "_strait_side";

    private final SparkEngine engine;
    private final Map<RegionId, Map<String, String>> hadoop;
    private final DelegationTokenSource tokens;
    private final boolean fileDigest;
    private final java.util.concurrent.atomic.AtomicLong digestedObjects = new java.util.concurrent.atomic.AtomicLong();

    /** A comparer reading every region with Spark's own Hadoop settings. */
    public SparkRowComparer(SparkEngine engine) {
        this(engine, Map.of());
    }

    /** A comparer reading each region with its own Hadoop settings ({@code regions.<name>.hadoop}). */
    public SparkRowComparer(SparkEngine engine, Map<RegionId, Map<String, String>> hadoopByRegion) {
        this(engine, hadoopByRegion, DelegationTokenSource.NONE);
    }

    /**
     * A comparer reading each region with its own Hadoop settings, and with the delegation tokens of
     * {@code tokens} (asked before each table) where a region logs in with Kerberos.
     */
    public SparkRowComparer(SparkEngine engine, Map<RegionId, Map<String, String>> hadoopByRegion,
            DelegationTokenSource tokens) {
        this(engine, hadoopByRegion, tokens, true);
    }

    private SparkRowComparer(SparkEngine engine, Map<RegionId, Map<String, String>> hadoopByRegion,
            DelegationTokenSource tokens, boolean fileDigest) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.hadoop = Map.copyOf(hadoopByRegion);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.fileDigest = fileDigest;
    }

    /**
     * This comparer computing every object's count and hash with Spark SQL, without the file digest of Parquet and
     * ORC objects (to measure one against the other).
     */
    public SparkRowComparer withoutFileDigest() {
        return new SparkRowComparer(engine, hadoop, tokens, false);
    }

    @Override
    public List<RowComparison> compare(TableRef table, List<RowObject> objects, int sampleRows) {
        return engine.withTokens(tokens.current(), () -> compareInPasses(table, objects, sampleRows));
    }

    private List<RowComparison> compareInPasses(TableRef table, List<RowObject> objects, int sampleRows) {
        List<RowComparison> results = new ArrayList<>();
        for (int start = 0; start < objects.size(); start += OBJECTS_PER_PASS) {
            results.addAll(compareBatch(table, objects.subList(start, Math.min(objects.size(),
                    start + OBJECTS_PER_PASS)), sampleRows));
        }
        return results;
    }

    private List<RowComparison> compareBatch(TableRef table, List<RowObject> objects, int sampleRows) {
        if (objects.isEmpty()) {
            return List.of();
        }
        try {
            return compareAll(objects, sampleRows);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown undeclared
            if (objects.size() == 1) {
                LOG.debug("row comparison of {} failed", table, e);
                return List.of(RowComparison.failed(objects.get(0).partitionValues(), "cannot read the rows: "
                        + firstLine(e)));
            }
            LOG.info("row comparison of {} over {} objects failed ({}); comparing them one by one", table,
                    objects.size(), firstLine(e));
            List<RowComparison> results = new ArrayList<>();
            objects.forEach(object -> results.addAll(compareBatch(table, List.of(object), sampleRows)));
            return results;
        }
    }

    private List<RowComparison> compareAll(List<RowObject> objects, int sampleRows) {
        Map<Integer, String> missing = missingLocations(objects);
        StructType sourceSchema = schema(objects, RowObject::source, missing.keySet());
        StructType targetSchema = schema(objects, RowObject::target, missing.keySet());
        List<String> columns = columns(sourceSchema, targetSchema);
        Map<Long, Aggregate> sourceAggregates = new HashMap<>();
        Map<Long, Aggregate> targetAggregates = new HashMap<>();
        if (!digested(objects, missing.keySet(), sourceSchema, targetSchema, sourceAggregates, targetAggregates)) {
            aggregateBothSides(hashed(side(objects, RowObject::source, missing.keySet(), sourceSchema), columns),
                    hashed(side(objects, RowObject::target, missing.keySet(), targetSchema), columns),
                    col(OBJECT), sourceAggregates, targetAggregates);
        }
        List<RowComparison> results = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            List<String> values = objects.get(i).partitionValues();
            if (missing.containsKey(i)) {
                results.add(RowComparison.failed(values, "cannot read the rows: " + missing.get(i)));
                continue;
            }
            Aggregate sourceAggregate = sourceAggregates.getOrDefault((long) i, Aggregate.EMPTY);
            Aggregate targetAggregate = targetAggregates.getOrDefault((long) i, Aggregate.EMPTY);
            if (sourceAggregate.equals(targetAggregate)) {
                results.add(RowComparison.equal(values, sourceAggregate.rows()));
            } else {
                results.add(narrow(values,
                        hashed(new Side(objectRows(objects.get(i).source(), sourceSchema, i), sourceSchema),
                                columns),
                        hashed(new Side(objectRows(objects.get(i).target(), targetSchema, i), targetSchema),
                                columns),
                        columns, type(columns, sourceSchema, targetSchema), sourceAggregate,
                        targetAggregate, sampleRows));
            }
        }
        return results;
    }

    /**
     * Fills both sides' aggregates from the file digest ({@link FileDigestJob}) where it applies: every object in
     * Parquet on both sides or every object in ORC, the same flat columns of the types the format's digest reads,
     * every file digestible. False (nothing filled) where it does not.
     */
    private boolean digested(List<RowObject> objects, Set<Integer> leftOut, StructType sourceSchema,
            StructType targetSchema, Map<Long, Aggregate> sourceOut, Map<Long, Aggregate> targetOut) {
        if (!fileDigest) {
            return false;
        }
        List<RowFormat> formats = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (!leftOut.contains(i)) {
                formats.add(objects.get(i).source().format());
                formats.add(objects.get(i).target().format());
            }
        }
        Optional<RowFormat> format = FileDigestJob.format(formats);
        if (format.isEmpty()) {
            return false;
        }
        Optional<List<DigestColumn>> digestColumns = FileDigestJob.columns(format.get(), sourceSchema, targetSchema);
        if (digestColumns.isEmpty()) {
            return false;
        }
        Optional<FileDigestJob.Digests> digests = new FileDigestJob(engine, format.get()).run(digestColumns.get(),
                digestSide(objects, RowObject::source, leftOut), digestSide(objects, RowObject::target, leftOut));
        if (digests.isEmpty()) {
            return false;
        }
        digests.get().source().forEach((object, digest) -> sourceOut.put(object, Aggregate.of(digest)));
        digests.get().target().forEach((object, digest) -> targetOut.put(object, Aggregate.of(digest)));
        digestedObjects.addAndGet(objects.size() - leftOut.size());
        return true;
    }

    private FileDigestJob.Side digestSide(List<RowObject> objects, Function<RowObject, RowLocation> location,
            Set<Integer> leftOut) {
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            locations.add(leftOut.contains(i) ? null : location.apply(objects.get(i)).location());
        }
        return new FileDigestJob.Side(locations, options(location.apply(objects.get(0))));
    }

    /**
     * Objects whose count and hash came from the file digest (Parquet or ORC) rather than Spark SQL, so far (how
     * the comparisons went, for tests and logs).
     */
    long digestedObjects() {
        return digestedObjects.get();
    }

    /** One side of the comparison: every object's rows (with the object's index) and the side's schema. */
    private record Side(Dataset<Row> rows, StructType schema) {
    }

    /** The objects with a location that does not exist (on either side), with the reason. */
    private Map<Integer, String> missingLocations(List<RowObject> objects) {
        Map<Integer, String> missing = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            for (RowLocation at : List.of(objects.get(i).source(), objects.get(i).target())) {
                if (!missing.containsKey(i) && !ObjectScan.exists(engine.session(), options(at), at.location())) {
                    missing.put(i, at.location() + " does not exist in region " + at.region());
                }
            }
        }
        return missing;
    }

    /** The side's schema: that of the first object not {@code left out} with a data file; empty if none has one. */
    private StructType schema(List<RowObject> objects, Function<RowObject, RowLocation> location,
            Set<Integer> leftOut) {
        Optional<StructType> schema = Optional.empty();
        for (int i = 0; i < objects.size() && schema.isEmpty(); i++) {
            if (!leftOut.contains(i)) {
                schema = inferSchema(location.apply(objects.get(i)));
            }
        }
        return schema.orElseGet(StructType::new);
    }

    /** The side's rows of every object not {@code left out}, in one scan per format. */
    private Side side(List<RowObject> objects, Function<RowObject, RowLocation> location, Set<Integer> leftOut,
            StructType sideSchema) {
        if (sideSchema.isEmpty()) {
            return new Side(engine.session().emptyDataFrame().withColumn(OBJECT, lit(0L)), sideSchema);
        }
        Map<RowFormat, List<String>> locations = new EnumMap<>(RowFormat.class);
        for (int i = 0; i < objects.size(); i++) {
            RowLocation at = location.apply(objects.get(i));
            List<String> ofFormat = locations.computeIfAbsent(at.format(),
                    format -> new ArrayList<>(java.util.Collections.nCopies(objects.size(), null)));
            if (!leftOut.contains(i)) {
                ofFormat.set(i, at.location());
            }
        }
        Map<String, String> options = options(location.apply(objects.get(0)));
        Dataset<Row> rows = null;
        for (Map.Entry<RowFormat, List<String>> format : locations.entrySet()) {
            Dataset<Row> read = ObjectScan.read(engine.session(), options, sideSchema, format.getKey(),
                    format.getValue(), OBJECT);
            rows = rows == null ? read : rows.unionByName(read);
        }
        return new Side(rows, sideSchema);
    }

    /** One object's rows, with its index. */
    private Dataset<Row> objectRows(RowLocation at, StructType schema, int index) {
        Dataset<Row> rows = schema.isEmpty() ? engine.session().emptyDataFrame() : read(at, schema);
        return rows.withColumn(OBJECT, lit((long) index));
    }

    private Dataset<Row> read(RowLocation at, StructType schema) {
        return engine.session().read().options(options(at)).schema(schema)
                .format(at.format().sourceName()).load(at.location());
    }

    private Map<String, String> options(RowLocation at) {
        return hadoop.getOrDefault(at.region(), Map.of());
    }

    /** The schema of the files at {@code at}; empty when it holds no data file. */
    private Optional<StructType> inferSchema(RowLocation at) {
        try {
            StructType schema = engine.session().read().options(options(at))
                    .format(at.format().sourceName()).load(at.location()).schema();
            return schema.isEmpty() ? Optional.empty() : Optional.of(schema);
        } catch (Exception e) { // an AnalysisException: the location holds no data file, or is absent
            if (String.valueOf(e.getMessage()).contains("UNABLE_TO_INFER_SCHEMA")) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot read " + at.location() + " in region " + at.region() + ": "
                    + firstLine(e), e);
        }
    }

    /** The data columns of both sides by name, sorted. */
    static List<String> columns(StructType source, StructType target) {
        TreeSet<String> names = new TreeSet<>();
        for (StructField field : source.fields()) {
            names.add(field.name());
        }
        for (StructField field : target.fields()) {
            names.add(field.name());
        }
        return List.copyOf(names);
    }

    /** Each column's type: the source's, else the target's. */
    private static List<DataType> type(List<String> columns, StructType source, StructType target) {
        List<String> sourceNames = List.of(source.fieldNames());
        return columns.stream().map(name -> sourceNames.contains(name) ? source.apply(name).dataType()
                : target.apply(name).dataType()).toList();
    }

    /**
     * The side's rows with the object's index and the row hash, over exactly {@code columns} (each in its
     * {@link RowHash#hashable} form).
     */
    private static Dataset<Row> hashed(Side side, List<String> columns) {
        Dataset<Row> rows = side.rows();
        List<String> present = List.of(rows.columns());
        List<Column> selected = new ArrayList<>();
        List<Column> hashable = new ArrayList<>();
        for (String name : columns) {
            Column column = present.contains(name)
                    ? RowHash.hashable(col(name), side.schema().apply(name).dataType()) : lit(null);
            selected.add(column.as(name));
            hashable.add(col(name));
        }
        selected.add(col(OBJECT));
        Dataset<Row> projected = rows.select(selected.toArray(Column[]::new));
        return projected.withColumn(HASH, RowHash.of(hashable));
    }

    /** Both sides' count and hash per object, in one Spark job (both scans run side by side). */
    /** Count and order-independent hash of each side's rows per value of {@code key}, both sides in one Spark job. */
    private static void aggregateBothSides(Dataset<Row> source, Dataset<Row> target, Column key,
            Map<Long, Aggregate> sourceOut, Map<Long, Aggregate> targetOut) {
        Dataset<Row> both = aggregated(source, key).withColumn(SIDE, lit(0))
                .unionByName(aggregated(target, key).withColumn(SIDE, lit(1)));
        for (Row row : both.collectAsList()) {
            (row.getInt(4) == 0 ? sourceOut : targetOut).put(row.getLong(0),
                    new Aggregate(row.getLong(1), row.getLong(2), row.getLong(3)));
        }
    }

    private static Dataset<Row> aggregated(Dataset<Row> rows, Column key) {
        return rows.groupBy(key.as("k")).agg(count(lit(1)).as("n"), sum(col(HASH).bitwiseAND(0xFFFFFFFFL)).as("low"),
                sum(shiftright(col(HASH), 32)).as("high"));
    }

    /** Row count and the two hash sums of a set of rows. */
    record Aggregate(long rows, long lowSum, long highSum) {
        static final Aggregate EMPTY = new Aggregate(0, 0, 0);

        /** The aggregate of a file digest: its hash sum (modulo 2^64) in place of the two sums. */
        static Aggregate of(ObjectDigest digest) {
            return new Aggregate(digest.rows(), digest.hashSum(), 0);
        }
    }

    /** The bucket path of a row at {@code level}: the 64-way bucket at each level up to it, as one number. */
    private static Column path(int level) {
        Column path = lit(0L);
        for (int l = 0; l <= level; l++) {
            path = path.multiply(BUCKETS).plus(pmod(xxhash64(lit(l), col(HASH)), lit((long) BUCKETS)));
        }
        return path;
    }

    private RowComparison narrow(List<String> values, Dataset<Row> source, Dataset<Row> target,
            List<String> columns, List<DataType> types, Aggregate sourceAggregate, Aggregate targetAggregate, int sampleRows) {
        Dataset<Row> sourceRows = source.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> targetRows = target.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column leaves = leaves(sourceRows, targetRows);
            Column[] data = columns.stream().map(name -> col(name)).toArray(Column[]::new);
            Dataset<Row> sourceLeaves = sourceRows.filter(leaves).select(data);
            Dataset<Row> targetLeaves = targetRows.filter(leaves).select(data);
            Dataset<Row> sourceOnly = sourceLeaves.exceptAll(targetLeaves).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> targetOnly = targetLeaves.exceptAll(sourceLeaves).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                List<DifferingRow> sample = new ArrayList<>();
                sourceOnly.takeAsList(sampleRows).forEach(row -> sample.add(
                        new DifferingRow(RowSide.SOURCE_ONLY, render(row, columns, types))));
                targetOnly.takeAsList(sampleRows).forEach(row -> sample.add(
                        new DifferingRow(RowSide.TARGET_ONLY, render(row, columns, types))));
                return new RowComparison(values, sourceAggregate.rows(), targetAggregate.rows(), sourceOnly.count(),
                        targetOnly.count(), sample, "");
            } finally {
                sourceOnly.unpersist();
                targetOnly.unpersist();
            }
        } finally {
            sourceRows.unpersist();
            targetRows.unpersist();
        }
    }

    /**
     * Which rows may differ: the buckets whose aggregates differ, split level by level while they hold more than
     * {@link #LEAF_ROWS} rows on a side.
     */
    private static Column leaves(Dataset<Row> source, Dataset<Row> target) {
        Column selected = lit(false);
        Column candidates = lit(true);
        for (int level = 0; level < MAX_LEVELS; level++) {
            Column path = path(level);
            Map<Long, Aggregate> sourceBuckets = new HashMap<>();
            Map<Long, Aggregate> targetBuckets = new HashMap<>();
            aggregateBothSides(source.filter(candidates), target.filter(candidates), path, sourceBuckets,
                    targetBuckets);
            List<Long> leaves = new ArrayList<>();
            List<Long> deeper = new ArrayList<>();
            TreeSet<Long> buckets = new TreeSet<>(sourceBuckets.keySet());
            buckets.addAll(targetBuckets.keySet());
            for (long bucket : buckets) {
                Aggregate sourceBucket = sourceBuckets.getOrDefault(bucket, Aggregate.EMPTY);
                Aggregate targetBucket = targetBuckets.getOrDefault(bucket, Aggregate.EMPTY);
                if (sourceBucket.equals(targetBucket)) {
                    continue;
                }
                boolean small = Math.max(sourceBucket.rows(), targetBucket.rows()) <= LEAF_ROWS;
                (small || level == MAX_LEVELS - 1 ? leaves : deeper).add(bucket);
            }
            if (!leaves.isEmpty()) {
                selected = selected.or(path.isin(leaves.toArray()));
            }
            if (deeper.isEmpty()) {
                break;
            }
            candidates = path.isin(deeper.toArray());
        }
        return selected;
    }

    /** {@code a=1, b=x}: the row's columns by name. */
    private static String render(Row row, List<String> columns, List<DataType> types) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(columns.get(i)).append('=').append(RowHash.render(row.get(i), types.get(i)));
        }
        return text.toString();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
