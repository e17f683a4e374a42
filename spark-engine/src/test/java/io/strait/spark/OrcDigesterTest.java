package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcConf;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property of the ORC digest: random rows (nulls, duplicates, empty strings, -0.0 and NaNs, decimals of precision
 * up to 18 and above with trailing zeros, dates, binaries, booleans, timestamps with microseconds before 1970 and
 * before 1582, varchars with trailing spaces) digest as their values hashed directly with {@link ValueHash} and
 * {@link RowDigest} (a timestamp as the microseconds of its wall-clock time in the JVM's time zone, which is what
 * Spark reads), and alike written as one file or shuffled over several files with other
 * stripes, row index strides and compression, read in byte ranges tiling a file, or in batches of any size; a
 * changed, a duplicated or a missing row changes the digest; a column the digest cannot equate with its Spark type
 * makes the file undigestible.
 */
class OrcDigesterTest {
    /** The file's fields, in another order than the columns', one of them named in another case. */
    private static final TypeDescription SCHEMA = TypeDescription.fromString("struct<id:bigint,name:string,"
            + "n:int,d:double,f:float,small:decimal(10,2),big:decimal(30,4),day:date,blob:binary,flag:boolean,"
            + "Tiny:tinyint,sh:smallint,at:timestamp,v:varchar(8)>");
    private static final List<DigestColumn> COLUMNS = List.of(
            new DigestColumn("at", DataTypes.TimestampType),
            new DigestColumn("big", DataTypes.createDecimalType(30, 4)),
            new DigestColumn("blob", DataTypes.BinaryType),
            new DigestColumn("d", DataTypes.DoubleType),
            new DigestColumn("day", DataTypes.DateType),
            new DigestColumn("f", DataTypes.FloatType),
            new DigestColumn("flag", DataTypes.BooleanType),
            new DigestColumn("id", DataTypes.LongType),
            new DigestColumn("missing", DataTypes.StringType),
            new DigestColumn("n", DataTypes.IntegerType),
            new DigestColumn("name", DataTypes.StringType),
            new DigestColumn("sh", DataTypes.ShortType),
            new DigestColumn("small", DataTypes.createDecimalType(10, 2)),
            new DigestColumn("tiny", DataTypes.ByteType),
            new DigestColumn("v", DataTypes.StringType));
    private static final CompressionKind[] COMPRESSIONS = {CompressionKind.NONE, CompressionKind.ZLIB,
        CompressionKind.SNAPPY, CompressionKind.LZ4, CompressionKind.ZSTD};

    @TempDir
    java.nio.file.Path dir;
    private TimeZone zone;

    /** Files are written and read in a time zone with daylight saving time (and not UTC). */
    @BeforeEach
    void inAZoneWithDaylightSavingTime() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    }

    @AfterEach
    void restoreTheZone() {
        TimeZone.setDefault(zone);
    }

    /**
     * A row's values, null for a null; {@code day} in days since the epoch, {@code at} a wall-clock time in the JVM's
     * time zone.
     */
    record Values(Long id, String name, Integer n, Double d, Float f, BigDecimal small, BigDecimal big, Integer day,
            byte[] blob, Boolean flag, Byte tiny, Short sh, LocalDateTime at, String v) {
        Values withName(String other) {
            return new Values(id, other, n, d, f, small, big, day, blob, flag, tiny, sh, at, v);
        }

        Values withAt(LocalDateTime other) {
            return new Values(id, name, n, d, f, small, big, day, blob, flag, tiny, sh, other, v);
        }
    }

    /** How one file is written. */
    record Layout(long stripeRows, int rowIndexStride, CompressionKind compression) {
        static final Layout DEFAULT = new Layout(1_000_000, 10_000, CompressionKind.ZLIB);

        static Layout random(Random random) {
            return new Layout(50 + random.nextInt(2_000), 1_000 + random.nextInt(5_000),
                    COMPRESSIONS[random.nextInt(COMPRESSIONS.length)]);
        }
    }

    private static <T> T sometimesNull(Random random, int oneIn, T value) {
        return random.nextInt(oneIn) == 0 ? null : value;
    }

    /**
     * A wall-clock time with microseconds, after 1970, before 1970 or before 1582 (the Julian calendar), at an hour
     * no daylight saving time change skips or repeats.
     */
    private static LocalDateTime timestamp(Random random) {
        int year = switch (random.nextInt(4)) {
            case 0 -> 1000 + random.nextInt(580);
            case 1 -> 1900 + random.nextInt(70);
            default -> 1970 + random.nextInt(100);
        };
        return LocalDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28), 4 + random.nextInt(17),
                random.nextInt(60), random.nextInt(60), random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000) * 1000);
    }

    private static List<Values> rows(Random random, int count) {
        double[] doubles = {0.0, -0.0, 1.5, Double.NaN, Double.longBitsToDouble(0x7FF8_0000_0000_0001L), -7.25};
        float[] floats = {0.0f, -0.0f, 2.5f, Float.NaN, Float.intBitsToFloat(0x7FC0_0001), 1e-3f};
        String[] smalls = {"1.50", "1.5", "-3.00", "0", "0.01", "12345678.90"};
        String[] bigs = {"12345678901234567890.1200", "-99999999999999999999999999.9990", "0.0000", "7",
            "12345678901234.5"};
        String[] varchars = {"", "ab", "ab  ", " ab", "ümlaut", "12345678"};
        List<Values> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Values(sometimesNull(random, 10, (long) random.nextInt(300) - 100),
                    sometimesNull(random, 10, random.nextInt(8) == 0 ? "" : "näme-" + random.nextInt(40)),
                    sometimesNull(random, 12, random.nextInt(5)),
                    sometimesNull(random, 6, doubles[random.nextInt(doubles.length)]),
                    sometimesNull(random, 6, floats[random.nextInt(floats.length)]),
                    sometimesNull(random, 7, new BigDecimal(smalls[random.nextInt(smalls.length)])),
                    sometimesNull(random, 7, new BigDecimal(bigs[random.nextInt(bigs.length)])),
                    sometimesNull(random, 9, 19_000 + random.nextInt(400) - 50_000 * random.nextInt(2)),
                    sometimesNull(random, 8, random.nextInt(6) == 0 ? new byte[0]
                            : new byte[] {(byte) random.nextInt(4), (byte) 0xFF}),
                    sometimesNull(random, 4, random.nextBoolean()),
                    sometimesNull(random, 5, (byte) (random.nextInt(256) - 128)),
                    sometimesNull(random, 5, (short) (random.nextInt(3) * 1000 - 1000)),
                    sometimesNull(random, 8, timestamp(random)),
                    sometimesNull(random, 9, varchars[random.nextInt(varchars.length)])));
        }
        int duplicates = count / 20;
        for (int i = 0; i < duplicates; i++) {
            rows.add(rows.get(random.nextInt(count)));
        }
        return rows;
    }

    /** The digest of {@code rows} computed from their Java values, without the digester. */
    private static ObjectDigest oracle(List<Values> rows) {
        ObjectDigest digest = ObjectDigest.EMPTY;
        for (Values v : rows) {
            digest = digest.withRow(RowDigest.ofRow(
                    v.at() == null ? ValueHash.NULL : ValueHash.ofLong(micros(v.at())),
                    v.big() == null ? ValueHash.NULL : ValueHash.ofDecimalBytes(
                            v.big().setScale(4, RoundingMode.UNNECESSARY).unscaledValue().toByteArray()),
                    v.blob() == null ? ValueHash.NULL : ValueHash.ofBytes(v.blob()),
                    v.d() == null ? ValueHash.NULL : ValueHash.ofDouble(v.d()),
                    v.day() == null ? ValueHash.NULL : ValueHash.ofLong(v.day()),
                    v.f() == null ? ValueHash.NULL : ValueHash.ofFloat(v.f()),
                    v.flag() == null ? ValueHash.NULL : ValueHash.ofBoolean(v.flag()),
                    v.id() == null ? ValueHash.NULL : ValueHash.ofLong(v.id()),
                    ValueHash.NULL,
                    v.n() == null ? ValueHash.NULL : ValueHash.ofLong(v.n()),
                    v.name() == null ? ValueHash.NULL : ValueHash.ofBytes(v.name().getBytes(StandardCharsets.UTF_8)),
                    v.sh() == null ? ValueHash.NULL : ValueHash.ofLong(v.sh()),
                    v.small() == null ? ValueHash.NULL : ValueHash.ofLong(
                            v.small().setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact()),
                    v.tiny() == null ? ValueHash.NULL : ValueHash.ofLong(v.tiny()),
                    v.v() == null ? ValueHash.NULL : ValueHash.ofBytes(v.v().getBytes(StandardCharsets.UTF_8))));
        }
        return digest;
    }

    /** Microseconds since the epoch of a wall-clock time in the JVM's time zone (the proleptic Gregorian calendar). */
    private static long micros(LocalDateTime at) {
        java.time.Instant instant = at.atZone(ZoneId.systemDefault()).toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private Path write(String name, List<Values> rows, Layout layout) throws IOException {
        Path path = new Path(dir.resolve(name + ".orc").toUri());
        Configuration conf = new Configuration();
        conf.setLong(OrcConf.STRIPE_ROW_COUNT.getAttribute(), layout.stripeRows());
        OrcFile.WriterOptions options = OrcFile.writerOptions(conf).setSchema(SCHEMA)
                .rowIndexStride(layout.rowIndexStride()).compress(layout.compression());
        try (Writer writer = OrcFile.createWriter(path, options)) {
            VectorizedRowBatch batch = SCHEMA.createRowBatch(500);
            for (Values v : rows) {
                int r = batch.size++;
                setLong(batch.cols[0], r, v.id());
                setBytes(batch.cols[1], r, v.name() == null ? null : v.name().getBytes(StandardCharsets.UTF_8));
                setLong(batch.cols[2], r, v.n());
                setDouble(batch.cols[3], r, v.d());
                setDouble(batch.cols[4], r, v.f() == null ? null : (double) v.f());
                setDecimal(batch.cols[5], r, v.small());
                setDecimal(batch.cols[6], r, v.big());
                setLong(batch.cols[7], r, v.day());
                setBytes(batch.cols[8], r, v.blob());
                setLong(batch.cols[9], r, v.flag() == null ? null : v.flag() ? 1 : 0);
                setLong(batch.cols[10], r, v.tiny());
                setLong(batch.cols[11], r, v.sh());
                if (!setNull(batch.cols[12], r, v.at())) { // as Hive writes: the hybrid calendar
                    WallClockTimestamps.set((TimestampColumnVector) batch.cols[12], r, v.at());
                }
                setBytes(batch.cols[13], r, v.v() == null ? null : v.v().getBytes(StandardCharsets.UTF_8));
                if (batch.size == batch.getMaxSize()) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
            }
            if (batch.size > 0) {
                writer.addRowBatch(batch);
            }
        }
        return path;
    }

    private static boolean setNull(ColumnVector vector, int row, Object value) {
        if (value == null) {
            vector.noNulls = false;
            vector.isNull[row] = true;
        }
        return value == null;
    }

    private static void setLong(ColumnVector vector, int row, Number value) {
        if (!setNull(vector, row, value)) {
            ((LongColumnVector) vector).vector[row] = value.longValue();
        }
    }

    private static void setDouble(ColumnVector vector, int row, Double value) {
        if (!setNull(vector, row, value)) {
            ((DoubleColumnVector) vector).vector[row] = value;
        }
    }

    private static void setBytes(ColumnVector vector, int row, byte[] value) {
        if (!setNull(vector, row, value)) {
            ((BytesColumnVector) vector).setVal(row, value);
        }
    }

    private static void setDecimal(ColumnVector vector, int row, BigDecimal value) {
        if (!setNull(vector, row, value)) {
            ((DecimalColumnVector) vector).set(row, HiveDecimal.create(value));
        }
    }

    private static ObjectDigest digest(List<Path> files, int batchRows) throws IOException {
        ObjectDigest digest = ObjectDigest.EMPTY;
        for (Path file : files) {
            digest = digest.plus(new OrcDigester(COLUMNS, batchRows).digest(new Configuration(), file, 0,
                    Long.MAX_VALUE));
        }
        return digest;
    }

    /** {@code rows} shuffled over 2 to 5 files, each with its own stripes, row index stride and compression. */
    private List<Path> scattered(String name, List<Values> rows, Random random) throws IOException {
        List<Values> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        int files = 2 + random.nextInt(4);
        List<Path> paths = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < files; f++) {
            int end = f == files - 1 ? shuffled.size() : start + random.nextInt(shuffled.size() - start + 1);
            paths.add(write(name + "-" + f, shuffled.subList(start, end), Layout.random(random)));
            start = end;
        }
        return paths;
    }

    /** The digest of {@code file} read in byte ranges of random lengths that tile it. */
    private static ObjectDigest inRanges(Path file, Random random) throws IOException {
        Configuration conf = new Configuration();
        long length = file.getFileSystem(conf).getFileStatus(file).getLen();
        ObjectDigest digest = ObjectDigest.EMPTY;
        for (long start = 0; start < length; ) {
            long end = Math.min(length, start + 1 + random.nextInt((int) Math.max(1, length / 3)));
            digest = digest.plus(new OrcDigester(COLUMNS).digest(conf, file, start, end));
            start = end;
        }
        return digest;
    }

    private static int stripes(Path file) throws IOException {
        try (Reader reader = OrcFile.createReader(file, OrcFile.readerOptions(new Configuration()))) {
            return reader.getStripes().size();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void theDigestIsTheRowsHashedDirectlyWhateverTheFilesStripesRangesOrBatches(int seed) throws IOException {
        Random random = new Random(seed);
        List<Values> rows = rows(random, 2_000 + random.nextInt(4_000));
        ObjectDigest expected = oracle(rows);
        Path whole = write("whole", rows, Layout.DEFAULT);
        Path striped = write("striped", rows, new Layout(300 + random.nextInt(300), 1_000, CompressionKind.NONE));

        assertThat(expected.rows()).isEqualTo(rows.size());
        assertThat(digest(List.of(whole), OrcDigester.BATCH_ROWS)).as("one file").isEqualTo(expected);
        assertThat(digest(List.of(whole), 1 + random.nextInt(300))).as("in small batches").isEqualTo(expected);
        assertThat(digest(scattered("scattered", rows, random), OrcDigester.BATCH_ROWS)).as("over files")
                .isEqualTo(expected);
        assertThat(stripes(striped)).isGreaterThan(2);
        assertThat(inRanges(striped, random)).as("in byte ranges").isEqualTo(expected);
    }

    /** Batches where a column repeats one value, or is all null, digest as their rows. */
    @Test
    void repeatingAndAllNullBatchesDigestAsTheirRows() throws IOException {
        List<Values> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            boolean early = i < 2_500;
            rows.add(new Values(7L, early ? null : "same", i, early ? null : 0.5, 1f, new BigDecimal("2.10"),
                    new BigDecimal("123456789012345678901.5"), 19_000, early ? null : new byte[] {1}, true,
                    (byte) 1, early ? null : (short) 2,
                    early ? LocalDateTime.parse("1969-07-20T20:17:40.123456") : null, early ? null : "ab "));
        }
        Path file = write("repeating", rows, Layout.DEFAULT);

        assertThat(repeats(file, 12)).as("an all-null timestamp vector").isTrue();
        assertThat(digest(List.of(file), 1_024)).isEqualTo(oracle(rows));
    }

    /** Whether a batch of {@code file} read by orc-core holds field {@code field} as a repeating vector. */
    private static boolean repeats(Path file, int field) throws IOException {
        try (Reader reader = OrcFile.createReader(file, OrcFile.readerOptions(new Configuration()));
                var rows = reader.rows()) {
            VectorizedRowBatch batch = reader.getSchema().createRowBatch(1_024);
            while (rows.nextBatch(batch)) {
                ColumnVector vector = batch.cols[field];
                if (vector.isRepeating) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Timestamps digest as the microseconds Spark 4.0.1 reads from the same file (written with orc-core, read in the
     * same zone; the values were read back with Spark's ORC reader): before 1970 with microseconds, before 1582
     * (rebased from the hybrid calendar in the zone). In UTC, orc-core reads the last microsecond before the epoch
     * back as 1970-01-01T00:00:00.999999, and so does Spark.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UTC|1969-12-31T23:59:59.999999|999999",
        "UTC|1969-12-31T23:59:59|-1000000",
        "UTC|1969-12-31T23:59:58.5|-1500000",
        "UTC|1970-01-01T00:00:00.000001|1",
        "UTC|1960-06-01T10:00:00.000001|-302450399999999",
        "UTC|2024-03-10T12:30:00.123456|1710073800123456",
        "UTC|1500-01-01T12:00:00.000001|-14831726399999999",
        "America/New_York|1969-12-31T23:59:59.999999|17999999999",
        "America/New_York|1960-06-01T10:00:00.000001|-302435999999999",
        "America/New_York|1500-01-01T12:00:00.000001|-14831708637999999",
    })
    void timestampsDigestAsTheMicrosecondsSparkReads(String zoneId, String at, long sparkMicros) throws IOException {
        TimeZone.setDefault(TimeZone.getTimeZone(zoneId));
        Values row = new Values(1L, null, null, null, null, null, null, null, null, null, null, null,
                LocalDateTime.parse(at), null);
        Path file = write("at", List.of(row), Layout.DEFAULT);
        ObjectDigest expected = ObjectDigest.EMPTY.withRow(RowDigest.ofRow(ValueHash.ofLong(sparkMicros),
                ValueHash.NULL, ValueHash.NULL, ValueHash.NULL, ValueHash.NULL, ValueHash.NULL, ValueHash.NULL,
                ValueHash.ofLong(1), ValueHash.NULL, ValueHash.NULL, ValueHash.NULL, ValueHash.NULL, ValueHash.NULL,
                ValueHash.NULL, ValueHash.NULL));

        assertThat(digest(List.of(file), OrcDigester.BATCH_ROWS)).isEqualTo(expected);
        assertThat(OrcColumnHasher.micros(-1L, 999_999_000)).isEqualTo(-1L);
        assertThat(OrcColumnHasher.micros(-1_000L, 1_000)).isEqualTo(-999_999L);
    }

    /**
     * A repeating timestamp vector (orc-core's reader makes only all-null ones) hashes each row as the vector holding
     * the value in every row does; a microsecond more changes it.
     */
    @Test
    void aRepeatingTimestampVectorHashesAsItsRows() {
        int rows = 5;
        TimestampColumnVector repeating = new TimestampColumnVector(rows);
        repeating.time[0] = -1_500L;
        repeating.nanos[0] = 500_001_000;
        repeating.isRepeating = true;
        TimestampColumnVector each = new TimestampColumnVector(rows);
        for (int r = 0; r < rows; r++) {
            each.time[r] = -1_500L;
            each.nanos[r] = 500_001_000;
        }
        OrcColumnHasher hasher = new OrcColumnHasher(0, OrcColumnHasher.Kind.TIMESTAMP,
                TypeDescription.createTimestamp());

        long[] fromRepeating = new long[rows];
        hasher.combine(new ColumnVector[] {repeating}, rows, fromRepeating);
        long[] fromEach = new long[rows];
        hasher.combine(new ColumnVector[] {each}, rows, fromEach);
        each.nanos[rows - 1] += 1_000;
        long[] later = new long[rows];
        hasher.combine(new ColumnVector[] {each}, rows, later);

        assertThat(fromRepeating).isEqualTo(fromEach).contains(RowDigest.combine(0, ValueHash.ofLong(-1_499_999L)));
        assertThat(later).isNotEqualTo(fromEach);
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void aChangedDuplicatedOrMissingRowChangesTheDigest(int seed) throws IOException {
        Random random = new Random(seed);
        List<Values> rows = rows(random, 3_000);
        ObjectDigest expected = digest(List.of(write("whole", rows, Layout.DEFAULT)), OrcDigester.BATCH_ROWS);
        int at = random.nextInt(rows.size());
        Values row = rows.get(at);

        List<Values> changed = new ArrayList<>(rows);
        changed.set(at, row.withName(row.name() == null ? "" : null));
        List<Values> duplicated = new ArrayList<>(rows);
        duplicated.set(at, rows.get((at + 1) % rows.size()));
        List<Values> missing = new ArrayList<>(rows);
        missing.remove(at);
        List<Values> later = new ArrayList<>(rows);
        later.set(at, row.withAt(row.at() == null ? LocalDateTime.of(2024, 1, 1, 12, 0)
                : row.at().plusNanos(1_000)));

        ObjectDigest changedDigest = digest(scattered("changed", changed, random), OrcDigester.BATCH_ROWS);
        assertThat(changedDigest.rows()).isEqualTo(expected.rows());
        assertThat(changedDigest).isNotEqualTo(expected);
        ObjectDigest duplicatedDigest = digest(scattered("duplicated", duplicated, random), OrcDigester.BATCH_ROWS);
        assertThat(duplicatedDigest.rows()).isEqualTo(expected.rows());
        assertThat(duplicatedDigest).isNotEqualTo(expected);
        assertThat(digest(scattered("missing", missing, random), OrcDigester.BATCH_ROWS)).isNotEqualTo(expected);
        ObjectDigest laterDigest = digest(scattered("later", later, random), OrcDigester.BATCH_ROWS);
        assertThat(laterDigest.rows()).isEqualTo(expected.rows());
        assertThat(laterDigest).as("a timestamp a microsecond later").isNotEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "struct<id:bigint,at:timestamp>|at|timestamp_ntz",
        "struct<id:bigint,at:timestamp>|at|bigint",
        "struct<id:bigint,at:timestamp with local time zone>|at|timestamp",
        "struct<id:bigint,c:char(3)>|c|string",
        "struct<id:bigint,v:varchar(5)>|v|binary",
        "struct<id:bigint,l:array<int>>|l|array<int>",
        "struct<id:bigint,s:struct<a:int>>|s|struct<a:int>",
        "struct<id:bigint,u:uniontype<int,string>>|u|string",
        "struct<id:bigint,n:int>|n|bigint",
        "struct<id:bigint,p:decimal(10,2)>|p|decimal(10,3)",
        "struct<_col0:bigint,_col1:string>|_col1|string",
        "struct<id:bigint,Name:string,NAME:string>|name|string",
    })
    void aColumnTheDigestCannotEquateMakesTheFileUndigestible(String schema, String column, String sparkType)
            throws IOException {
        TypeDescription type = TypeDescription.fromString(schema);
        Path path = new Path(dir.resolve("undigestible.orc").toUri());
        OrcFile.createWriter(path, OrcFile.writerOptions(new Configuration()).setSchema(type)).close();
        List<DigestColumn> columns = List.of(new DigestColumn(column, DataType.fromDDL(sparkType)),
                new DigestColumn("id", DataTypes.LongType));

        assertThatThrownBy(() -> new OrcDigester(columns).digest(new Configuration(), path, 0, Long.MAX_VALUE))
                .isInstanceOf(UndigestibleFileException.class).hasMessageContaining(column);
    }

    @Test
    void fieldsMatchByNameExactlyElseIgnoringCaseWhenOnlyOneDoes() {
        assertThat(OrcDigester.field(List.of("a", "B", "b"), "b")).hasValue(2);
        assertThat(OrcDigester.field(List.of("a", "B"), "b")).hasValue(1);
        assertThat(OrcDigester.field(List.of("a", "B"), "c")).isEmpty();
        assertThat(OrcDigester.field(List.of("a", "B", "C", "c"), "C")).hasValue(2);
        assertThatThrownBy(() -> OrcDigester.field(List.of("Bb", "bB"), "bb")).isInstanceOf(
                UndigestibleFileException.class);
    }
}
