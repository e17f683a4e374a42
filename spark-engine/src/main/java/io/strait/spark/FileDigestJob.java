package io.strait.spark;

import io.strait.common.rows.RowFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-object digests ({@link ObjectDigest}) of both sides of a comparison whose objects are all in one format
 * the digest reads, Parquet or ORC, computed by one Spark job whose tasks each read some files (or byte ranges of
 * large ones) with that format's {@link FileDigester} ({@link ParquetDigester}, {@link OrcDigester}), each side's
 * files with that side's Hadoop settings (Spark's own with the region's on top, broadcast as Spark SQL's scans
 * broadcast theirs). The tasks run as every task of the comparison does: under the job's delegation tokens
 * ({@link SparkEngine#withTokens}, {@link DelegationTokensPlugin}).
 *
 * <p>It applies to objects all Parquet or all ORC on both sides ({@link #format}) whose sides have the same flat
 * columns of the types the format's digester reads ({@link #columns}); where a file cannot be read as Spark would
 * read it ({@link UndigestibleFileException}, or any failure of the digest's reader), {@link #run} is empty and the
 * comparison takes the Spark SQL path.
 */
final class FileDigestJob {
    private static final Logger LOG = LoggerFactory.getLogger(FileDigestJob.class);
    /** The Spark types of the columns both digesters read. */
    private static final List<Class<? extends DataType>> PRIMITIVE = List.of(BooleanType.class, ByteType.class,
            ShortType.class, IntegerType.class, LongType.class, FloatType.class, DoubleType.class, StringType.class,
            BinaryType.class, DecimalType.class, DateType.class, TimestampType.class);
    /** The Spark types of the columns only the Parquet digester reads. */
    private static final List<Class<? extends DataType>> PARQUET_ONLY = List.of(TimestampNTZType.class);
    /** The formats a digester reads. */
    private static final Set<RowFormat> DIGESTIBLE = EnumSet.of(RowFormat.PARQUET, RowFormat.ORC);

    private final SparkEngine engine;
    private final RowFormat format;

    /** A job reading files in {@code format} (one {@link #format} accepts). */
    FileDigestJob(SparkEngine engine, RowFormat format) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.format = Objects.requireNonNull(format, "format");
        if (!DIGESTIBLE.contains(format)) {
            throw new IllegalArgumentException("no digest reads " + format);
        }
    }

    /** One side of the job: the objects' locations ({@code null}: left out) and the side's Hadoop settings. */
    record Side(List<String> locations, Map<String, String> hadoop) {
    }

    /** Each side's digest per object index (an object without files has none). */
    record Digests(Map<Long, ObjectDigest> source, Map<Long, ObjectDigest> target) {
    }

    /**
     * The columns of the digest of files in {@code format}, sorted by name, when both sides' schemas have the same
     * columns (by name, of the same type), all of types the format's digester reads (a side without any file, whose
     * schema is empty, takes the other's): boolean, byte, short, int, long, float, double, string, binary, decimal,
     * date, timestamp, and for Parquet also timestamp without time zone. Empty otherwise.
     */
    static Optional<List<DigestColumn>> columns(RowFormat format, StructType source, StructType target) {
        StructType schema = source.isEmpty() ? target : source;
        StructType other = source.isEmpty() ? source : target;
        Map<String, DataType> types = new java.util.TreeMap<>();
        for (StructField field : schema.fields()) {
            if (!digestible(format, field.dataType()) || types.put(field.name(), field.dataType()) != null) {
                return Optional.empty();
            }
        }
        if (!other.isEmpty()) {
            if (other.fields().length != types.size()) {
                return Optional.empty();
            }
            for (StructField field : other.fields()) {
                if (!field.dataType().equals(types.get(field.name()))) {
                    return Optional.empty();
                }
            }
        }
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<DigestColumn> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(new DigestColumn(name, type)));
        return Optional.of(columns);
    }

    /**
     * The format of the digest of objects whose locations on both sides are in {@code formats}: their one format
     * where they all have the same and a digester reads it (Parquet, ORC); empty otherwise (mixed formats, none).
     */
    static Optional<RowFormat> format(List<RowFormat> formats) {
        if (formats.isEmpty() || formats.stream().distinct().count() > 1 || !DIGESTIBLE.contains(formats.get(0))) {
            return Optional.empty();
        }
        return Optional.of(formats.get(0));
    }

    private static boolean digestible(RowFormat format, DataType type) {
        return PRIMITIVE.stream().anyMatch(kind -> kind.isInstance(type))
                || format == RowFormat.PARQUET && PARQUET_ONLY.stream().anyMatch(kind -> kind.isInstance(type));
    }

    /** Both sides' digests per object; empty when a file could not be digested. */
    Optional<Digests> run(List<DigestColumn> columns, Side source, Side target) {
        long maxSplitBytes = engine.session().sessionState().conf().filesMaxPartitionBytes();
        List<DigestSplit> splits = new ArrayList<>();
        List<Side> sides = List.of(source, target);
        for (int side = 0; side < 2; side++) {
            for (ObjectScan.ObjectFile file : ObjectScan.files(engine.session(), sides.get(side).hadoop(),
                    sides.get(side).locations())) {
                long[] objects = file.objects().stream().mapToLong(Long::longValue).toArray();
                splits.addAll(DigestSplit.of(side, objects, file.path().toString(), file.length(), maxSplitBytes));
            }
        }
        Map<Long, ObjectDigest> sourceDigests = new HashMap<>();
        Map<Long, ObjectDigest> targetDigests = new HashMap<>();
        if (splits.isEmpty()) {
            return Optional.of(new Digests(sourceDigests, targetDigests));
        }
        List<SplitDigest> digested = digestOnExecutors(columns, splits, source, target);
        for (SplitDigest split : digested) {
            if (!split.digested()) {
                LOG.info("the {} digest cannot read {} ({}): comparing with Spark SQL", format,
                        split.split().path(), split.undigestible());
                return Optional.empty();
            }
            Map<Long, ObjectDigest> digests = split.split().side() == 0 ? sourceDigests : targetDigests;
            for (long object : split.split().objects()) {
                digests.merge(object, split.digest(), ObjectDigest::plus);
            }
        }
        return Optional.of(new Digests(sourceDigests, targetDigests));
    }

    private List<SplitDigest> digestOnExecutors(List<DigestColumn> columns, List<DigestSplit> splits, Side source,
            Side target) {
        // a few slices per core: a core whose slice ends early takes another
        List<ArrayList<DigestSplit>> slices = DigestSplit.balance(splits, engine.defaultParallelism() * 3);
        Broadcast<SerializableConfiguration> sourceConf = broadcast(source);
        Broadcast<SerializableConfiguration> targetConf = broadcast(target);
        ArrayList<DigestColumn> digestColumns = new ArrayList<>(columns);
        try {
            RowFormat digestFormat = format;
            return SliceJob.run(engine.context(), slices, slice -> digestAll(digester(digestFormat, digestColumns),
                    sourceConf, targetConf, slice));
        } finally {
            sourceConf.destroy();
            targetConf.destroy();
        }
    }

    private Broadcast<SerializableConfiguration> broadcast(Side side) {
        Configuration conf = ObjectScan.hadoopConf(engine.session(), side.hadoop());
        return engine.context().broadcast(new SerializableConfiguration(conf));
    }

    /** The digester of files in {@code format} over {@code columns}. */
    static FileDigester digester(RowFormat format, List<DigestColumn> columns) {
        return format == RowFormat.ORC ? new OrcDigester(columns) : new ParquetDigester(columns);
    }

    /** Runs on an executor: the digest of each split of a slice. */
    private static List<SplitDigest> digestAll(FileDigester digester, Broadcast<SerializableConfiguration> sourceConf,
            Broadcast<SerializableConfiguration> targetConf, List<DigestSplit> slice) {
        List<SplitDigest> digests = new ArrayList<>();
        for (DigestSplit split : slice) {
            Configuration conf = (split.side() == 0 ? sourceConf : targetConf).value().value();
            try {
                digests.add(SplitDigest.of(split, digester.digest(conf, new Path(split.path()), split.start(),
                        split.end())));
            } catch (Exception e) { // the Spark SQL path reads it, or reports why it cannot
                digests.add(SplitDigest.undigestible(split, String.valueOf(e)));
            }
        }
        return digests;
    }
}
