package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.common.rows.DifferingRow;
import io.strait.common.rows.RowComparison;
import io.strait.common.rows.RowFormat;
import io.strait.common.rows.RowLocation;
import io.strait.common.rows.RowObject;
import io.strait.common.rows.RowSide;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ORC digest of the row-level comparison on files written by Spark with every type it reads: the same rows
 * written differently on each side (3 files against 7 files sorted otherwise, with other compression and small
 * stripes) are equal through the digest, also when large files are read in byte ranges; changed and duplicated rows
 * are found through the digest and narrowed down to, as Spark SQL alone finds them. Timestamps (with microseconds,
 * before 1970 and before 1582) and varchars are digested, also in files written by orc-core in other writer time
 * zones, and the digest agrees with Spark SQL on them; a char column and a timestamp without time zone take the
 * Spark SQL path.
 */
class OrcDigestIT {
    private static final TableRef TABLE = TableRef.of("sales", "typed_orc");
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType)
            .add("flag", DataTypes.BooleanType).add("tiny", DataTypes.ByteType).add("small", DataTypes.ShortType)
            .add("n", DataTypes.IntegerType).add("ratio", DataTypes.FloatType).add("score", DataTypes.DoubleType)
            .add("name", DataTypes.StringType).add("blob", DataTypes.BinaryType)
            .add("price", DataTypes.createDecimalType(9, 2)).add("total", DataTypes.createDecimalType(18, 4))
            .add("big", DataTypes.createDecimalType(30, 5)).add("day", DataTypes.DateType);
    private static final StructType WITH_TIMESTAMP = SCHEMA.add("at", DataTypes.TimestampType);
    private static SparkEngine engine;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        engine = SparkEngine.start(SparkSettings.local(2), "orc-digest-test");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /**
     * 30,000 rows with nulls in every column but id, -0.0 and NaN, decimals with trailing zeros (1.10, 2.50000);
     * with a timestamp as the last value.
     */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            boolean nulls = i % 11 == 0;
            rows.add(RowFactory.create((long) i, nulls ? null : i % 2 == 0, nulls ? null : (byte) (i % 7),
                    nulls ? null : (short) (i % 300), nulls ? null : i % 1000,
                    nulls ? null : i % 19 == 0 ? -0.0f : (float) (i % 13) / 4,
                    nulls ? null : i % 23 == 0 ? Double.NaN : (i % 17) * 1.25,
                    nulls ? null : i % 13 == 0 ? "" : "name-" + i % 50,
                    nulls ? null : new byte[] {(byte) (i % 5), 1}, nulls ? null : BigDecimal.valueOf(i % 400, 2),
                    nulls ? null : BigDecimal.valueOf(-i * 31L, 4),
                    nulls ? null : new BigDecimal("123456789012345678901234." + String.format("%05d", i % 900)),
                    nulls ? null : LocalDate.of(2024, 1, 1).plusDays(i % 60),
                    nulls ? null : timestamp(i)));
        }
        return rows;
    }

    /** Timestamps with microseconds, some before 1970 and some before 1582. */
    private static Instant timestamp(int i) {
        Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i % 700 * 61L).plusNanos(i % 997 * 1_000L);
        return i % 5 == 0 ? at.minusSeconds(60L * 365 * 86_400) : i % 97 == 0 ? at.minusSeconds(500L * 365 * 86_400)
                : at;
    }

    private static Dataset<Row> frame(List<Row> rows, StructType schema) {
        Dataset<Row> frame = engine.session().createDataFrame(rows, WITH_TIMESTAMP);
        return schema.equals(WITH_TIMESTAMP) ? frame : frame.drop("at");
    }

    /** Side a: 3 files, Spark's defaults (snappy). */
    private static String writeDefault(String name, List<Row> rows, StructType schema) {
        String location = dir.resolve(name).toUri().toString();
        frame(rows, schema).repartition(3).write().mode(SaveMode.Overwrite).orc(location);
        return location;
    }

    /** Side b: 7 files sorted otherwise, zstd, stripes of 1,000 rows, row index entries of 1,000 rows. */
    private static String writeOtherwise(String name, List<Row> rows, StructType schema) {
        String location = dir.resolve(name).toUri().toString();
        frame(rows, schema).repartition(7).sortWithinPartitions(functions.col("name").desc()).write()
                .mode(SaveMode.Overwrite).option("compression", "zstd").option("orc.stripe.row.count", 1_000)
                .option("orc.row.index.stride", 1_000).orc(location);
        return location;
    }

    private static List<RowComparison> compare(SparkRowComparer comparer, String source, String target) {
        List<RowComparison> results = comparer.compare(TABLE, List.of(new RowObject(List.of("p"),
                new RowLocation(A, source, RowFormat.ORC), new RowLocation(B, target, RowFormat.ORC))), 5);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).error()).isEmpty();
        return results;
    }

    /** The most stripes of a file of {@code location}. */
    private static int mostStripes(String location) {
        try (Stream<Path> files = Files.list(Path.of(java.net.URI.create(location)))) {
            int most = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".orc")).toList()) {
                try (Reader reader = OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()),
                        OrcFile.readerOptions(new Configuration()))) {
                    most = Math.max(most, reader.getStripes().size());
                }
            }
            return most;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSameRowsWrittenOtherwiseAreEqualThroughTheDigest() {
        SparkRowComparer comparer = new SparkRowComparer(engine);
        String target = writeOtherwise("equal-b", rows(), SCHEMA);

        RowComparison comparison = compare(comparer, writeDefault("equal-a", rows(), SCHEMA), target).get(0);

        assertThat(mostStripes(target)).isGreaterThan(1);
        assertThat(comparer.digestedObjects()).isEqualTo(1);
        assertThat(comparison.differs()).isFalse();
        assertThat(comparison.sourceRows()).isEqualTo(30_000).isEqualTo(comparison.targetRows());
    }

    @Test
    void largeFilesAreDigestedInByteRangesThatTileThem() {
        String source = writeDefault("ranges-a", rows(), SCHEMA);
        String target = writeOtherwise("ranges-b", rows(), SCHEMA);
        SparkRowComparer comparer = new SparkRowComparer(engine);
        var conf = engine.session().conf();
        conf.set("spark.sql.files.maxPartitionBytes", "8192");
        try {
            RowComparison comparison = compare(comparer, source, target).get(0);

            assertThat(comparer.digestedObjects()).isEqualTo(1);
            assertThat(comparison.differs()).isFalse();
            assertThat(comparison.sourceRows()).isEqualTo(30_000).isEqualTo(comparison.targetRows());
        } finally {
            conf.unset("spark.sql.files.maxPartitionBytes");
        }
    }

    @Test
    void changedRowsAreFoundThroughTheDigestAndNarrowedDown() {
        List<Row> changed = new ArrayList<>(rows());
        changed.set(4_321, with(changed.get(4_321), 11, new BigDecimal("1.00000")));
        changed.set(9_876, with(changed.get(9_876), 10, new BigDecimal("-0.9876")));
        changed.set(12_000, with(changed.get(12_000), 7, null));
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison comparison = compare(comparer, writeDefault("changed-a", rows(), SCHEMA),
                writeOtherwise("changed-b", changed, SCHEMA)).get(0);

        assertThat(comparer.digestedObjects()).isEqualTo(1);
        assertThat(comparison.sourceRows()).isEqualTo(comparison.targetRows()).isEqualTo(30_000);
        assertThat(comparison.sourceOnlyRows()).isEqualTo(3);
        assertThat(comparison.targetOnlyRows()).isEqualTo(3);
        assertThat(comparison.sample()).extracting(DifferingRow::side).containsOnly(RowSide.SOURCE_ONLY,
                RowSide.TARGET_ONLY);
        assertThat(comparison.sample()).extracting(DifferingRow::row).anyMatch(row -> row.contains("id=4321,"))
                .anyMatch(row -> row.contains("id=9876,")).anyMatch(row -> row.contains("id=12000,"))
                .anyMatch(row -> row.contains("name=null"));
    }

    @Test
    void theDigestAndSparkSqlAgreeOnWhichObjectsDiffer() {
        String source = writeDefault("agree-a", rows(), SCHEMA);
        List<Row> duplicated = new ArrayList<>(rows());
        duplicated.set(17, duplicated.get(18));
        String target = writeOtherwise("agree-b", duplicated, SCHEMA);
        SparkRowComparer digest = new SparkRowComparer(engine);
        SparkRowComparer sql = digest.withoutFileDigest();

        RowComparison throughDigest = compare(digest, source, target).get(0);
        RowComparison throughSql = compare(sql, source, target).get(0);

        assertThat(digest.digestedObjects()).isEqualTo(1);
        assertThat(sql.digestedObjects()).isZero();
        assertThat(throughDigest).isEqualTo(throughSql);
        assertThat(throughDigest.sourceOnlyRows()).isEqualTo(1);
        assertThat(throughDigest.targetOnlyRows()).isEqualTo(1);
    }

    @Test
    void aTimestampColumnIsDigestedAndAChangedMicrosecondIsFound() {
        String source = writeDefault("timestamp-a", rows(), WITH_TIMESTAMP);
        List<Row> changed = new ArrayList<>(rows());
        changed.set(9_876, with(changed.get(9_876), 13, ((Instant) changed.get(9_876).get(13)).plusNanos(1_000)));
        changed.set(9_875, with(changed.get(9_875), 13, ((Instant) changed.get(9_875).get(13)).minusNanos(1_000)));
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison equal = compare(comparer, source, writeOtherwise("timestamp-b", rows(), WITH_TIMESTAMP))
                .get(0);
        RowComparison differs = compare(comparer, source, writeOtherwise("timestamp-c", changed, WITH_TIMESTAMP))
                .get(0);

        assertThat(comparer.digestedObjects()).isEqualTo(2);
        assertThat(equal.differs()).isFalse();
        assertThat(equal.sourceRows()).isEqualTo(30_000).isEqualTo(equal.targetRows());
        assertThat(differs.sourceOnlyRows()).isEqualTo(2);
        assertThat(differs.targetOnlyRows()).isEqualTo(2);
        assertThat(differs.sample()).extracting(DifferingRow::row).allMatch(row -> row.contains("id=9876,")
                || row.contains("id=9875,"));
        assertThat(differs).isEqualTo(compare(comparer.withoutFileDigest(), source,
                dir.resolve("timestamp-c").toUri().toString()).get(0));
    }

    /** Wall-clock times with microseconds, before 1970 and before 1582, and varchars with trailing spaces. */
    private static List<Object[]> wallClockRows() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            LocalDateTime at = LocalDateTime.of(1950 + i % 80, 1 + i % 12, 1 + i % 28, 4 + i % 17, i % 60, i % 59,
                    i % 7 == 0 ? 0 : i % 999_983 * 1_000);
            rows.add(new Object[] {(long) i, i % 13 == 0 ? null : i % 101 == 0 ? at.minusYears(600) : at,
                    i % 11 == 0 ? null : i % 3 == 0 ? "v" + i % 50 + "  " : i % 17 == 0 ? "" : "v" + i % 50});
        }
        return rows;
    }

    /**
     * Writes {@code rows} (id, wall-clock time, string) as one ORC file with orc-core as Hive does: the times as
     * wall-clock times in {@code writerZone} (written into the file), the strings as {@code stringType}.
     */
    private static String writeWithOrcCore(String name, List<Object[]> rows, String writerZone, boolean utc,
            String stringType) {
        String location = dir.resolve(name).toUri().toString();
        TypeDescription schema = TypeDescription.fromString("struct<id:bigint,at:timestamp,v:" + stringType + ">");
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(writerZone));
        try (Writer writer = OrcFile.createWriter(new org.apache.hadoop.fs.Path(location + "/part-0.orc"),
                OrcFile.writerOptions(new Configuration()).setSchema(schema).useUTCTimestamp(utc))) {
            VectorizedRowBatch batch = schema.createRowBatch();
            for (Object[] row : rows) {
                int r = batch.size++;
                ((LongColumnVector) batch.cols[0]).vector[r] = (Long) row[0];
                if (row[1] == null) {
                    batch.cols[1].noNulls = false;
                    batch.cols[1].isNull[r] = true;
                } else {
                    WallClockTimestamps.set((TimestampColumnVector) batch.cols[1], r, (LocalDateTime) row[1]);
                }
                if (row[2] == null) {
                    batch.cols[2].noNulls = false;
                    batch.cols[2].isNull[r] = true;
                } else {
                    ((BytesColumnVector) batch.cols[2]).setVal(r, ((String) row[2]).getBytes(StandardCharsets.UTF_8));
                }
                if (batch.size == batch.getMaxSize()) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
            }
            if (batch.size > 0) {
                writer.addRowBatch(batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TimeZone.setDefault(jvmZone);
        }
        return location;
    }

    /** The comparison through the digest, checked to be digested and to equal Spark SQL's alone. */
    private static RowComparison digestedAsSparkSqlReads(String source, String target) {
        SparkRowComparer comparer = new SparkRowComparer(engine);
        RowComparison throughDigest = compare(comparer, source, target).get(0);
        assertThat(comparer.digestedObjects()).isEqualTo(1);
        assertThat(throughDigest).isEqualTo(compare(comparer.withoutFileDigest(), source, target).get(0));
        return throughDigest;
    }

    @Test
    void filesWrittenInOtherWriterTimeZonesDigestAsSparkReadsThem() {
        List<Object[]> rows = wallClockRows();
        String reader = TimeZone.getDefault().getID();
        String inReaderZone = writeWithOrcCore("zones-a", rows, reader, false, "varchar(12)");
        String inTokyo = writeWithOrcCore("zones-b", rows, "Asia/Tokyo", false, "varchar(40)");
        String inUtc = writeWithOrcCore("zones-c", rows, "UTC", true, "string");
        List<Object[]> gap = new ArrayList<>(rows);
        // 02:30 on 2024-03-10 does not exist in Los Angeles: written there, it is read as 03:30
        gap.set(42, new Object[] {42L, LocalDateTime.parse("2024-03-10T02:30:00.000001"), "v42"});
        String gapInReaderZone = writeWithOrcCore("zones-d", gap, "UTC", false, "varchar(12)");
        String gapInLosAngeles = writeWithOrcCore("zones-e", gap, "America/Los_Angeles", false, "varchar(12)");

        assertThat(digestedAsSparkSqlReads(inReaderZone, inTokyo).differs()).as("Tokyo").isFalse();
        assertThat(digestedAsSparkSqlReads(inReaderZone, inUtc).differs()).as("UTC").isFalse();
        RowComparison shifted = digestedAsSparkSqlReads(gapInReaderZone, gapInLosAngeles);
        assertThat(shifted.sourceOnlyRows()).isEqualTo(1);
        assertThat(shifted.targetOnlyRows()).isEqualTo(1);
        assertThat(shifted.sample()).extracting(DifferingRow::row).allMatch(row -> row.contains("id=42,"));
    }

    @Test
    void aChangedVarcharOrTimestampWrittenByOrcCoreIsFound() {
        List<Object[]> rows = wallClockRows();
        List<Object[]> changed = new ArrayList<>(rows);
        changed.set(3, new Object[] {3L, rows.get(3)[1], "v3 "}); // a trailing space more
        changed.set(7, new Object[] {7L, ((LocalDateTime) rows.get(7)[1]).plusNanos(1_000), rows.get(7)[2]});

        RowComparison comparison = digestedAsSparkSqlReads(writeWithOrcCore("varchar-a", rows, "UTC", false,
                "varchar(12)"), writeWithOrcCore("varchar-b", changed, "Asia/Tokyo", false, "varchar(12)"));

        assertThat(comparison.sourceOnlyRows()).isEqualTo(2);
        assertThat(comparison.targetOnlyRows()).isEqualTo(2);
        assertThat(comparison.sample()).extracting(DifferingRow::row).allMatch(row -> row.contains("id=3,")
                || row.contains("id=7,"));
    }

    /**
     * char values are read right-trimmed by orc-core and padded again by Spark to the length of the side's schema:
     * char(10) against char(12) differs in every non-null row, and a char column takes the Spark SQL path.
     */
    @Test
    void aCharColumnTakesTheSparkSqlPath() {
        List<Object[]> rows = wallClockRows();
        String ten = writeWithOrcCore("char-a", rows, "UTC", false, "char(10)");
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison same = compare(comparer, ten, writeWithOrcCore("char-b", rows, "UTC", false, "char(10)"))
                .get(0);
        RowComparison longer = compare(comparer, ten, writeWithOrcCore("char-c", rows, "UTC", false, "char(12)"))
                .get(0);

        assertThat(comparer.digestedObjects()).isZero();
        assertThat(same.differs()).isFalse();
        long withValue = rows.stream().filter(row -> row[2] != null).count();
        assertThat(longer.sourceOnlyRows()).isEqualTo(withValue);
        assertThat(longer.targetOnlyRows()).isEqualTo(withValue);
    }

    @Test
    void aTimestampWithoutTimeZoneTakesTheSparkSqlPath() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(RowFactory.create((long) i, LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i * 61L)
                    .plusNanos(i * 1_000L)));
        }
        List<Row> changed = new ArrayList<>(rows);
        changed.set(500, RowFactory.create(500L, LocalDateTime.of(2030, 1, 1, 0, 0)));
        StructType schema = new StructType().add("id", DataTypes.LongType).add("at", DataTypes.TimestampNTZType);
        String source = dir.resolve("ntz-a").toUri().toString();
        String target = dir.resolve("ntz-b").toUri().toString();
        engine.session().createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).orc(source);
        engine.session().createDataFrame(changed, schema).repartition(3).write().mode(SaveMode.Overwrite).orc(target);
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison comparison = compare(comparer, source, target).get(0);

        assertThat(comparer.digestedObjects()).isZero();
        assertThat(comparison.sourceOnlyRows()).isEqualTo(1);
        assertThat(comparison.targetOnlyRows()).isEqualTo(1);
    }

    private static Row with(Row row, int column, Object value) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == column ? value : row.get(i);
        }
        return RowFactory.create(values);
    }
}
