package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property of the Parquet digest: random rows (nulls, duplicates, few distinct values so that dictionaries form)
 * digest alike written as one file or shuffled over several files with other row groups, pages and dictionary
 * settings, in byte ranges of a file, and combined in batches of any number of rows; a changed, a duplicated or a missing row changes the digest.
 */
class ParquetDigesterTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message t {
              optional int64 id;
              optional binary name (STRING);
              required int32 n;
              optional double d;
              optional fixed_len_byte_array(16) big (DECIMAL(30,2));
              optional int96 at;
              optional boolean flag;
            }""");
    private static final List<DigestColumn> COLUMNS = List.of(
            new DigestColumn("at", DataTypes.TimestampType),
            new DigestColumn("big", DataTypes.createDecimalType(30, 2)),
            new DigestColumn("d", DataTypes.DoubleType),
            new DigestColumn("flag", DataTypes.BooleanType),
            new DigestColumn("id", DataTypes.LongType),
            new DigestColumn("missing", DataTypes.StringType),
            new DigestColumn("n", DataTypes.IntegerType),
            new DigestColumn("name", DataTypes.StringType));
    private static final Configuration CONF = new Configuration();

    @TempDir
    java.nio.file.Path dir;

    /** A row's values, null for a null. */
    record Values(Long id, String name, int n, Double d, BigInteger big, Long atNanos, Boolean flag) {
    }

    private static List<Values> rows(Random random, int count) {
        List<Values> rows = new ArrayList<>();
        double[] doubles = {0.0, -0.0, 1.5, Double.NaN, -7.25};
        for (int i = 0; i < count; i++) {
            rows.add(new Values(random.nextInt(10) == 0 ? null : (long) random.nextInt(300),
                    random.nextInt(10) == 0 ? null : random.nextInt(8) == 0 ? "" : "name-" + random.nextInt(40),
                    random.nextInt(5),
                    random.nextInt(6) == 0 ? null : doubles[random.nextInt(doubles.length)],
                    random.nextInt(7) == 0 ? null : BigInteger.valueOf(random.nextLong()).multiply(
                            BigInteger.valueOf(random.nextInt(1000) - 500)),
                    random.nextInt(9) == 0 ? null : (long) random.nextInt(5) * 3_600_000_000_000L,
                    random.nextInt(4) == 0 ? null : random.nextBoolean()));
        }
        int duplicates = count / 20;
        for (int i = 0; i < duplicates; i++) {
            rows.add(rows.get(random.nextInt(count)));
        }
        return rows;
    }

    private Path write(String name, List<Values> rows, boolean dictionary, long rowGroupBytes) throws IOException {
        return write(name, rows, dictionary, rowGroupBytes, ParquetProperties.WriterVersion.PARQUET_1_0);
    }

    private Path write(String name, List<Values> rows, boolean dictionary, long rowGroupBytes,
            ParquetProperties.WriterVersion pages) throws IOException {
        Path path = new Path(dir.resolve(name).toUri());
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path).withConf(CONF).withType(SCHEMA)
                .withDictionaryEncoding(dictionary).withRowGroupSize(rowGroupBytes).withPageSize(1024)
                .withWriterVersion(pages).build()) {
            for (Values values : rows) {
                Group group = groups.newGroup();
                if (values.id() != null) {
                    group.add("id", values.id());
                }
                if (values.name() != null) {
                    group.add("name", values.name());
                }
                group.add("n", values.n());
                if (values.d() != null) {
                    group.add("d", values.d());
                }
                if (values.big() != null) {
                    group.add("big", Binary.fromConstantByteArray(sixteenBytes(values.big())));
                }
                if (values.atNanos() != null) {
                    group.add("at", new NanoTime(2_440_000 + (int) (values.atNanos() / 86_400_000_000_000L),
                            values.atNanos() % 86_400_000_000_000L));
                }
                if (values.flag() != null) {
                    group.add("flag", values.flag());
                }
                writer.write(group);
            }
        }
        return path;
    }

    private static byte[] sixteenBytes(BigInteger value) {
        byte[] minimal = value.toByteArray();
        byte[] bytes = new byte[16];
        java.util.Arrays.fill(bytes, 0, 16 - minimal.length, (byte) (value.signum() < 0 ? -1 : 0));
        System.arraycopy(minimal, 0, bytes, 16 - minimal.length, minimal.length);
        return bytes;
    }

    private static ObjectDigest digest(List<Path> files) throws IOException {
        return digest(files, ParquetDigester.BATCH_ROWS);
    }

    private static ObjectDigest digest(List<Path> files, int batchRows) throws IOException {
        ObjectDigest digest = ObjectDigest.EMPTY;
        for (Path file : files) {
            digest = digest.plus(new ParquetDigester(COLUMNS, batchRows).digest(CONF, file, 0, Long.MAX_VALUE));
        }
        return digest;
    }

    /**
     * {@code rows} shuffled over 2 to 5 files, each with its own dictionary setting, data page version and small
     * row groups.
     */
    private List<Path> scattered(String name, List<Values> rows, Random random) throws IOException {
        List<Values> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        int files = 2 + random.nextInt(4);
        List<Path> paths = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < files; f++) {
            int end = f == files - 1 ? shuffled.size() : start + random.nextInt(shuffled.size() - start + 1);
            paths.add(write(name + "-" + f, shuffled.subList(start, end), random.nextBoolean(),
                    2_048 + random.nextInt(16_384), random.nextBoolean() ? ParquetProperties.WriterVersion.PARQUET_1_0
                            : ParquetProperties.WriterVersion.PARQUET_2_0));
            start = end;
        }
        return paths;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void theDigestDependsOnTheRowsNotOnTheirOrderFilesRowGroupsOrEncoding(int seed) throws IOException {
        Random random = new Random(seed);
        List<Values> rows = rows(random, 2_000 + random.nextInt(2_000));
        Path whole = write("whole", rows, true, 128L << 20);

        ObjectDigest expected = digest(List.of(whole));

        assertThat(expected.rows()).isEqualTo(rows.size());
        assertThat(digest(List.of(whole), 1 + random.nextInt(300))).as("in batches of rows").isEqualTo(expected);
        assertThat(digest(scattered("scattered", rows, random))).isEqualTo(expected);
        Path plain = write("plain", rows, false, 4_096);
        long length = plain.getFileSystem(CONF).getFileStatus(plain).getLen();
        ObjectDigest inRanges = ObjectDigest.EMPTY;
        long step = Math.max(1, length / (2 + random.nextInt(5)));
        for (long start = 0; start < length; start += step) {
            inRanges = inRanges.plus(new ParquetDigester(COLUMNS).digest(CONF, plain, start,
                    Math.min(length, start + step)));
        }
        assertThat(inRanges).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void aChangedDuplicatedOrMissingRowChangesTheDigest(int seed) throws IOException {
        Random random = new Random(seed);
        List<Values> rows = rows(random, 3_000);
        ObjectDigest expected = digest(List.of(write("whole", rows, true, 128L << 20)));
        int at = random.nextInt(rows.size());
        Values row = rows.get(at);

        List<Values> changed = new ArrayList<>(rows);
        changed.set(at, new Values(row.id(), row.name() == null ? "" : null, row.n(), row.d(), row.big(),
                row.atNanos(), row.flag()));
        List<Values> duplicated = new ArrayList<>(rows);
        duplicated.set(at, rows.get((at + 1) % rows.size()));
        List<Values> missing = new ArrayList<>(rows);
        missing.remove(at);

        ObjectDigest changedDigest = digest(scattered("changed", changed, random));
        assertThat(changedDigest.rows()).isEqualTo(expected.rows());
        assertThat(changedDigest).isNotEqualTo(expected);
        assertThat(digest(scattered("duplicated", duplicated, random))).isNotEqualTo(expected);
        assertThat(digest(scattered("missing", missing, random)).rows()).isEqualTo(expected.rows() - 1);
    }
}
