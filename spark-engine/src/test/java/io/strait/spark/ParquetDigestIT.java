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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet digest of the row-level comparison on files written by Spark with every primitive type: the same rows
 * written differently on each side (other files, other row groups, dictionaries off, INT64 timestamps and decimals
 * in the legacy fixed-length form) are equal through the digest; changed rows are found and narrowed down to; a
 * table whose sides' columns differ takes the Spark SQL path.
 */
class ParquetDigestIT {
    private static final TableRef TABLE = TableRef.of("sales", "typed");
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType)
            .add("flag", DataTypes.BooleanType).add("tiny", DataTypes.ByteType).add("small", DataTypes.ShortType)
            .add("n", DataTypes.IntegerType).add("ratio", DataTypes.FloatType).add("score", DataTypes.DoubleType)
            .add("name", DataTypes.StringType).add("blob", DataTypes.BinaryType)
            .add("price", DataTypes.createDecimalType(9, 2)).add("total", DataTypes.createDecimalType(18, 4))
            .add("big", DataTypes.createDecimalType(30, 5)).add("day", DataTypes.DateType)
            .add("at", DataTypes.TimestampType);
    private static SparkEngine engine;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        engine = SparkEngine.start(SparkSettings.local(2), "parquet-digest-test");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /**
     * 30,000 rows with nulls in every column but id, few distinct values per column (dictionaries form); dates and
     * timestamps as {@code java.time} values (Spark takes them for its date and timestamp types).
     */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            boolean nulls = i % 11 == 0;
            rows.add(RowFactory.create((long) i, nulls ? null : i % 2 == 0, nulls ? null : (byte) (i % 7),
                    nulls ? null : (short) (i % 300), nulls ? null : i % 1000, nulls ? null : (float) (i % 13) / 4,
                    nulls ? null : (i % 17) * 1.25, nulls ? null : i % 13 == 0 ? "" : "name-" + i % 50,
                    nulls ? null : new byte[] {(byte) (i % 5), 1}, nulls ? null : BigDecimal.valueOf(i % 400, 2),
                    nulls ? null : BigDecimal.valueOf(-i * 31L, 4),
                    nulls ? null : new BigDecimal("123456789012345678901234." + String.format("%05d", i % 900)),
                    nulls ? null : LocalDate.of(2024, 1, 1).plusDays(i % 60),
                    nulls ? null : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i % 700 * 61L)
                            .plusNanos(i % 3 * 1000L)));
        }
        return rows;
    }

    /** Side a: 3 files, Spark's defaults (dictionaries, INT96 timestamps, decimals as INT32 and INT64). */
    private static String writeDefault(String name, List<Row> rows) {
        String location = dir.resolve(name).toUri().toString();
        engine.session().createDataFrame(rows, SCHEMA).repartition(3).write().mode(SaveMode.Overwrite)
                .parquet(location);
        return location;
    }

    /**
     * Side b: 7 files sorted otherwise, no dictionaries, row groups of about 64 KB, INT64 timestamps and decimals
     * in the legacy form (FIXED_LEN_BYTE_ARRAY).
     */
    private static String writeOtherwise(String name, List<Row> rows) {
        String location = dir.resolve(name).toUri().toString();
        var conf = engine.session().conf();
        conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.set("spark.sql.parquet.writeLegacyFormat", "true");
        try {
            Dataset<Row> frame = engine.session().createDataFrame(rows, SCHEMA).repartition(7)
                    .sortWithinPartitions(org.apache.spark.sql.functions.col("name").desc());
            frame.write().mode(SaveMode.Overwrite).option("parquet.enable.dictionary", "false")
                    .option("parquet.block.size", 64 * 1024).parquet(location);
        } finally {
            conf.unset("spark.sql.parquet.outputTimestampType");
            conf.unset("spark.sql.parquet.writeLegacyFormat");
        }
        return location;
    }

    private static List<RowComparison> compare(SparkRowComparer comparer, String source, String target) {
        List<RowComparison> results = comparer.compare(TABLE, List.of(new RowObject(List.of("p"),
                new RowLocation(A, source, RowFormat.PARQUET), new RowLocation(B, target, RowFormat.PARQUET))), 5);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).error()).isEmpty();
        return results;
    }

    @Test
    void theSameRowsWrittenOtherwiseAreEqualThroughTheDigest() {
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison comparison = compare(comparer, writeDefault("equal-a", rows()),
                writeOtherwise("equal-b", rows())).get(0);

        assertThat(comparer.digestedObjects()).isEqualTo(1);
        assertThat(comparison.differs()).isFalse();
        assertThat(comparison.sourceRows()).isEqualTo(30_000).isEqualTo(comparison.targetRows());
    }

    @Test
    void changedRowsAreFoundThroughTheDigestAndNarrowedDown() {
        List<Row> changed = new ArrayList<>(rows());
        changed.set(4_321, with(changed.get(4_321), 11, new BigDecimal("1.00000")));
        changed.set(9_876, with(changed.get(9_876), 13, Instant.parse("2030-01-01T00:00:00Z")));
        changed.set(12_000, with(changed.get(12_000), 7, null));
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison comparison = compare(comparer, writeDefault("changed-a", rows()),
                writeOtherwise("changed-b", changed)).get(0);

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
        String source = writeDefault("agree-a", rows());
        List<Row> duplicated = new ArrayList<>(rows());
        duplicated.set(17, duplicated.get(18));
        String target = writeOtherwise("agree-b", duplicated);
        SparkRowComparer digest = new SparkRowComparer(engine);
        SparkRowComparer sql = digest.withoutFileDigest();

        RowComparison throughDigest = compare(digest, source, target).get(0);
        RowComparison throughSql = compare(sql, source, target).get(0);

        assertThat(digest.digestedObjects()).isEqualTo(1);
        assertThat(sql.digestedObjects()).isZero();
        assertThat(throughDigest).isEqualTo(throughSql);
        assertThat(throughDigest.sample()).extracting(DifferingRow::row).anyMatch(row -> row.contains("blob=0x0201,"));
        assertThat(throughDigest.sourceOnlyRows()).isEqualTo(1);
        assertThat(throughDigest.targetOnlyRows()).isEqualTo(1);
    }

    @Test
    void sidesWithOtherColumnsTakeTheSparkSqlPath() {
        String source = writeDefault("columns-a", rows());
        String target = dir.resolve("columns-b").toUri().toString();
        engine.session().createDataFrame(rows(), SCHEMA).withColumn("extra", org.apache.spark.sql.functions.lit(1))
                .write().mode(SaveMode.Overwrite).parquet(target);
        SparkRowComparer comparer = new SparkRowComparer(engine);

        RowComparison comparison = compare(comparer, source, target).get(0);

        assertThat(comparer.digestedObjects()).isZero();
        assertThat(comparison.differs()).isTrue();
    }

    private static Row with(Row row, int column, Object value) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == column ? value : row.get(i);
        }
        return RowFactory.create(values);
    }

}
