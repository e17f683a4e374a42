package io.strait.spark;

import io.strait.common.rows.RowFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.FileStatusCache;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.InMemoryFileIndex;
import org.apache.spark.sql.execution.datasources.PartitionPath;
import org.apache.spark.sql.execution.datasources.PartitionSpec;
import org.apache.spark.sql.execution.datasources.orc.OrcFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One scan over the locations of many objects in one format, each row carrying its object's index as a constant
 * column: the objects' locations become the partitions of one file relation (as Spark reads a Hive table whose
 * partitions live anywhere), so the index comes with each file at no cost per row (no file name per row, no join)
 * and the scan stays one vectorized, whole-stage-generated pass. Files are listed once, recursively below each
 * location as {@code load(location)} would (hidden {@code _} and {@code .} entries left out); a directory below
 * several locations belongs to each of them.
 */
final class ObjectScan {
    private ObjectScan() {
    }

    /**
     * The rows of every location ({@code locations.get(i)} is object {@code i}'s; {@code null} leaves object
     * {@code i} out) read with {@code schema}, plus the long column {@code indexColumn}.
     */
    static Dataset<Row> read(SparkSession session, Map<String, String> options, StructType schema, RowFormat format,
            List<String> locations, String indexColumn) {
        Roots located = Roots.of(locations, hadoopConf(session, options));
        List<Path> roots = located.paths();
        Map<String, List<Long>> objectsByLocation = located.objects();
        scala.collection.immutable.Map<String, String> scalaOptions = scalaMap(options);
        FileStatusCache listed = FileStatusCache.getOrCreate(session);
        InMemoryFileIndex listing = new InMemoryFileIndex(session, seq(roots), scalaOptions, Option.empty(), listed,
                Option.empty(), Option.empty());
        List<PartitionPath> partitions = new ArrayList<>();
        for (Path directory : CollectionConverters.asJava(listing.leafDirToChildrenFiles().keySet())) {
            for (long object : objectsOf(directory, objectsByLocation)) {
                partitions.add(new PartitionPath(new GenericInternalRow(new Object[] {object}), directory));
            }
        }
        StructType partitionSchema = new StructType().add(indexColumn, DataTypes.LongType, false);
        InMemoryFileIndex index = new InMemoryFileIndex(session, seq(roots), scalaOptions,
                Option.apply(partitionSchema), listed, Option.apply(new PartitionSpec(partitionSchema,
                        seq(partitions))), Option.empty());
        HadoopFsRelation relation = HadoopFsRelation.apply(index, partitionSchema, schema, Option.empty(),
                fileFormat(format), scalaOptions, session);
        return session.baseRelationToDataFrame(relation);
    }

    /** A data file below the locations of some objects ({@link #files}). */
    record ObjectFile(Path path, long length, List<Long> objects) {
    }

    /**
     * The data files below every location ({@code locations.get(i)} is object {@code i}'s; {@code null} leaves
     * object {@code i} out), listed as {@link #read} lists them, each with the objects it belongs to.
     */
    static List<ObjectFile> files(SparkSession session, Map<String, String> options, List<String> locations) {
        Roots located = Roots.of(locations, hadoopConf(session, options));
        List<Path> roots = located.paths();
        Map<String, List<Long>> objectsByLocation = located.objects();
        List<ObjectFile> files = new ArrayList<>();
        if (roots.isEmpty()) {
            return files;
        }
        InMemoryFileIndex listing = new InMemoryFileIndex(session, seq(roots), scalaMap(options), Option.empty(),
                FileStatusCache.getOrCreate(session), Option.empty(), Option.empty());
        CollectionConverters.asJava(listing.leafDirToChildrenFiles()).forEach((directory, children) -> {
            List<Long> objects = objectsOf(directory, objectsByLocation);
            for (org.apache.hadoop.fs.FileStatus file : children) {
                files.add(new ObjectFile(file.getPath(), file.getLen(), objects));
            }
        });
        return files;
    }

    /** The distinct qualified locations of the objects, and the objects of each (by its text). */
    private record Roots(List<Path> paths, Map<String, List<Long>> objects) {
        /** The roots of {@code locations} ({@code locations.get(i)} is object {@code i}'s; {@code null}: none). */
        static Roots of(List<String> locations, Configuration conf) {
            Map<String, List<Long>> objects = new HashMap<>();
            List<Path> paths = new ArrayList<>();
            for (int i = 0; i < locations.size(); i++) {
                if (locations.get(i) == null) {
                    continue;
                }
                Path root = qualified(locations.get(i), conf);
                if (!objects.containsKey(root.toString())) {
                    paths.add(root);
                }
                objects.computeIfAbsent(root.toString(), key -> new ArrayList<>()).add((long) i);
            }
            return new Roots(paths, objects);
        }
    }

    /** Whether {@code location} exists in the region whose Hadoop settings are {@code options}. */
    static boolean exists(SparkSession session, Map<String, String> options, String location) {
        Configuration conf = hadoopConf(session, options);
        Path path = new Path(location);
        try {
            return path.getFileSystem(conf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + location + ": " + e.getMessage(), e);
        }
    }

    /** The objects whose location is {@code directory} or one of its ancestors. */
    private static List<Long> objectsOf(Path directory, Map<String, List<Long>> objectsByLocation) {
        List<Long> objects = new ArrayList<>();
        for (Path at = directory; at != null; at = at.getParent()) {
            objects.addAll(objectsByLocation.getOrDefault(at.toString(), List.of()));
        }
        return objects;
    }

    private static FileFormat fileFormat(RowFormat format) {
        return switch (format) {
            case PARQUET -> new ParquetFileFormat();
            case ORC -> new OrcFileFormat();
        };
    }

    /** Spark's Hadoop settings with {@code options} (a region's) on top. */
    static Configuration hadoopConf(SparkSession session, Map<String, String> options) {
        Configuration conf = new Configuration(session.sparkContext().hadoopConfiguration());
        options.forEach(conf::set);
        return conf;
    }

    private static Path qualified(String location, Configuration conf) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(conf).makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + location + ": " + e.getMessage(), e);
        }
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return CollectionConverters.asScala(list).toSeq();
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
    }
}
