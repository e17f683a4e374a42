package io.strait.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.isnull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the rows of a table's objects between two regions with Spark SQL, reading each side's files at the
 * objects' current locations (Parquet or ORC).
 *
 * <p>One pass per side (per {@link #OBJECTS_PER_PASS} objects): the objects' locations are read together in one scan
 * (with the side's schema, inferred once; each row's object found from its file) and a single
 * {@code groupBy} over the object computes its row count and an order-independent hash of its rows: the sums of the
 * low and high 32 bits of {@code xxhash64} over all columns (each with a null flag, so {@code (null, 1)} and
 * {@code (1, null)} differ), which a duplicated row changes too. Objects whose aggregates are equal are equal. For an
 * object that differs, the rows are split into 64 buckets by a second hash, the buckets' aggregates compared, and
 * differing buckets with many rows split again (up to {@link #MAX_LEVELS} levels) until each holds at most
 * {@link #LEAF_ROWS} rows; the multiset difference ({@code exceptAll} both ways) of those buckets gives the differing
 * rows, counted and sampled with their side.
 *
 * <p>Columns are compared by name (the union of both sides', sorted; a column one side lacks is null there). Map
 * columns cannot be hashed by Spark: such tables fail the comparison with Spark's message.
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
    private static final String FILE = "_strait_file";

    private final SparkEngine engine;
    private final Map<RegionId, Map<String, String>> hadoop;

    /** A comparer reading every region with Spark's own Hadoop settings. */
    public SparkRowComparer(SparkEngine engine) {
        this(engine, Map.of());
    }

    /** A comparer reading each region with its own Hadoop settings ({@code regions.<name>.hadoop}). */
    public SparkRowComparer(SparkEngine engine, Map<RegionId, Map<String, String>> hadoopByRegion) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.hadoop = Map.copyOf(hadoopByRegion);
    }

    @Override
    public List<RowComparison> compare(TableRef table, List<RowObject> objects, int sampleRows) {
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
        Side source = side(objects, RowObject::source);
        Side target = side(objects, RowObject::target);
        List<String> columns = columns(source.schema(), target.schema());
        Dataset<Row> sourceRows = hashed(source, columns);
        Dataset<Row> targetRows = hashed(target, columns);
        Map<Long, Aggregate> sourceAggregates = aggregates(sourceRows, col(OBJECT));
        Map<Long, Aggregate> targetAggregates = aggregates(targetRows, col(OBJECT));
        List<RowComparison> results = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            List<String> values = objects.get(i).partitionValues();
            Aggregate sourceAggregate = sourceAggregates.getOrDefault((long) i, Aggregate.EMPTY);
            Aggregate targetAggregate = targetAggregates.getOrDefault((long) i, Aggregate.EMPTY);
            if (sourceAggregate.equals(targetAggregate)) {
                results.add(RowComparison.equal(values, sourceAggregate.rows()));
            } else {
                results.add(narrow(values,
                        hashed(new Side(objectRows(objects.get(i).source(), source.schema(), i), source.schema()),
                                columns),
                        hashed(new Side(objectRows(objects.get(i).target(), target.schema(), i), target.schema()),
                                columns),
                        columns, sourceAggregate, targetAggregate, sampleRows));
            }
        }
        return results;
    }

    /** One side of the comparison: every object's rows (with the object's index) and the side's schema. */
    private record Side(Dataset<Row> rows, StructType schema) {
    }

    private Side side(List<RowObject> objects, Function<RowObject, RowLocation> location) {
        Optional<StructType> schema = Optional.empty();
        for (RowObject object : objects) {
            schema = inferSchema(location.apply(object));
            if (schema.isPresent()) {
                break;
            }
        }
        StructType sideSchema = schema.orElseGet(StructType::new);
        if (sideSchema.isEmpty()) {
            return new Side(engine.session().emptyDataFrame().withColumn(OBJECT, lit(0L)), sideSchema);
        }
        // which object each file belongs to, as Spark names the files (input_file_name() names them alike)
        List<Row> fileObjects = new ArrayList<>();
        Map<RowFormat, List<String>> locations = new java.util.EnumMap<>(RowFormat.class);
        for (int i = 0; i < objects.size(); i++) {
            RowLocation at = location.apply(objects.get(i));
            for (String file : read(at, sideSchema).inputFiles()) {
                fileObjects.add(RowFactory.create(file, (long) i));
            }
            locations.computeIfAbsent(at.format(), format -> new ArrayList<>()).add(at.location());
        }
        RowLocation first = location.apply(objects.get(0));
        Dataset<Row> rows = null;
        for (Map.Entry<RowFormat, List<String>> format : locations.entrySet()) {
            Dataset<Row> read = engine.session().read().options(hadoop.getOrDefault(first.region(), Map.of()))
                    .schema(sideSchema).format(format.getKey().sourceName())
                    .load(format.getValue().toArray(String[]::new));
            rows = rows == null ? read : rows.unionByName(read, true);
        }
        Dataset<Row> files = engine.session().createDataFrame(fileObjects, new StructType()
                .add(FILE, DataTypes.StringType).add(OBJECT, DataTypes.LongType));
        return new Side(rows.withColumn(FILE, input_file_name()).join(broadcast(files), FILE).drop(FILE),
                sideSchema);
    }

    /** One object's rows, with its index. */
    private Dataset<Row> objectRows(RowLocation at, StructType schema, int index) {
        Dataset<Row> rows = schema.isEmpty() ? engine.session().emptyDataFrame() : read(at, schema);
        return rows.withColumn(OBJECT, lit((long) index));
    }

    private Dataset<Row> read(RowLocation at, StructType schema) {
        return engine.session().read().options(hadoop.getOrDefault(at.region(), Map.of())).schema(schema)
                .format(at.format().sourceName()).load(at.location());
    }

    /** The schema of the files at {@code at}; empty when it holds no data file. */
    private Optional<StructType> inferSchema(RowLocation at) {
        try {
            StructType schema = engine.session().read().options(hadoop.getOrDefault(at.region(), Map.of()))
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

    /** The side's rows with the object's index and the row hash, over exactly {@code columns}. */
    private static Dataset<Row> hashed(Side side, List<String> columns) {
        Dataset<Row> rows = side.rows();
        List<String> present = List.of(rows.columns());
        List<Column> selected = new ArrayList<>();
        List<Column> hashed = new ArrayList<>();
        for (String name : columns) {
            Column column = present.contains(name) ? col(name) : lit(null).as(name);
            selected.add(column.as(name));
            hashed.add(col(name));
            hashed.add(isnull(col(name)));
        }
        selected.add(col(OBJECT));
        Dataset<Row> projected = rows.select(selected.toArray(Column[]::new));
        return projected.withColumn(HASH, columns.isEmpty() ? lit(0L) : xxhash64(hashed.toArray(Column[]::new)));
    }

    /** Count and order-independent hash of the rows per value of {@code key}. */
    private static Map<Long, Aggregate> aggregates(Dataset<Row> rows, Column key) {
        Map<Long, Aggregate> aggregates = new HashMap<>();
        List<Row> collected = rows.groupBy(key.as("k"))
                .agg(count(lit(1)), sum(col(HASH).bitwiseAND(0xFFFFFFFFL)), sum(shiftright(col(HASH), 32)))
                .collectAsList();
        for (Row row : collected) {
            aggregates.put(row.getLong(0), new Aggregate(row.getLong(1), row.getLong(2), row.getLong(3)));
        }
        return aggregates;
    }

    /** Row count and the two hash sums of a set of rows. */
    record Aggregate(long rows, long lowSum, long highSum) {
        static final Aggregate EMPTY = new Aggregate(0, 0, 0);
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
            List<String> columns, Aggregate sourceAggregate, Aggregate targetAggregate, int sampleRows) {
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
                        new DifferingRow(RowSide.SOURCE_ONLY, render(row, columns))));
                targetOnly.takeAsList(sampleRows).forEach(row -> sample.add(
                        new DifferingRow(RowSide.TARGET_ONLY, render(row, columns))));
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
            Map<Long, Aggregate> sourceBuckets = aggregates(source.filter(candidates), path);
            Map<Long, Aggregate> targetBuckets = aggregates(target.filter(candidates), path);
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
    private static String render(Row row, List<String> columns) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(columns.get(i)).append('=').append(row.isNullAt(i) ? "null" : String.valueOf(row.get(i)));
        }
        return text.toString();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
