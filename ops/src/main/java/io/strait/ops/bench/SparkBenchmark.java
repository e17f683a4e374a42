package io.strait.ops.bench;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.common.rows.RowComparison;
import io.strait.common.rows.RowFormat;
import io.strait.common.rows.RowLocation;
import io.strait.common.rows.RowObject;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.spark.RegionSettings;
import io.strait.spark.SparkCopyExecutor;
import io.strait.spark.SparkEngine;
import io.strait.spark.SparkRowComparer;
import io.strait.spark.SparkSettings;
import io.strait.sync.InProcessCopyExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * Spark's two uses, each against a baseline run in the same run, on the local disk:
 *
 * <ul>
 *   <li>copy: one job of {@code files} files copied by the Spark executor ({@code local[cores]}) and by the
 *       in-process executor ({@code cores} threads), rounds in alternating order after warm-up rounds of each; the
 *       median of the per-round time ratios Spark / in-process ({@code sync} before every copy,
 *       each copy deleted before the next turn);</li>
 *   <li>rows: the row-level comparison of a Parquet (or ORC) table of {@code rows} rows in {@code partitions}
 *       partitions present in two regions, equal, with the file digest and with Spark SQL alone in alternating
 *       order each round, then as many rounds with one row changed (found and narrowed down; the first call apart), against a
 *       plain {@code count()} of both sides (the cost of reading the rows at all); rows per second count the rows
 *       of both sides, per core divided by {@code cores}.</li>
 * </ul>
 */
final class SparkBenchmark {
    private static final RegionSettings A = RegionSettings.of(RegionId.of("a"), Map.of());
    private static final RegionSettings B = RegionSettings.of(RegionId.of("b"), Map.of());

    private final Path work;
    private final int cores;
    private final PrintWriter out;

    SparkBenchmark(Path work, int cores, PrintWriter out) {
        this.work = work;
        this.cores = cores;
        this.out = out;
    }

    /** Rounds run first and not counted (compiled code, warm caches: a long-running process), then measured ones. */
    record Rounds(int warmUp, int measured) {
        Rounds {
            if (warmUp < 0 || measured < 1) {
                throw new IllegalArgumentException("warm-up rounds must be >= 0 and measured rounds >= 1: " + warmUp
                        + ", " + measured);
            }
        }

        int total() {
            return warmUp + measured;
        }

        boolean measured(int round) {
            return round >= warmUp;
        }
    }

    /**
     * The table the row reconcile compares: {@code rows} rows a side over {@code partitions} partitions in
     * {@code format}, with four columns (id, customer, amount, note), and a fifth, a timestamp with microseconds, when
     * {@code withTimestamp}.
     */
    record RowTable(long rows, int partitions, RowFormat format, boolean withTimestamp) {
    }

    void run(int files, long fileBytes, Rounds rounds, RowTable rowTable) throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (SparkEngine engine = SparkEngine.start(SparkSettings.local(cores), "strait-bench-spark")) {
            out.printf(Locale.ROOT, "spark benchmark: local[%d], session started in %.1f s, in %s%n", cores,
                    (System.nanoTime() - started) / 1e9, work);
            if (files > 0) {
                copy(engine, files, fileBytes, rounds);
            }
            if (rowTable.rows() > 0) {
                rows(engine, rowTable, rounds);
            }
        }
    }

    private void copy(SparkEngine engine, int files, long fileBytes, Rounds rounds)
            throws IOException, InterruptedException {
        Path source = Files.createDirectories(work.resolve("copy/a/t"));
        Random random = new Random(1);
        byte[] bytes = new byte[(int) fileBytes];
        List<FileEntry> entries = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            random.nextBytes(bytes);
            Path file = source.resolve(String.format(Locale.ROOT, "part-%05d", f));
            Files.write(file, bytes);
            entries.add(new FileEntry(file.getFileName().toString(), fileBytes,
                    Files.getLastModifiedTime(file).toMillis()));
        }
        SparkCopyExecutor spark = new SparkCopyExecutor(engine, A, B);
        List<Double> ratios = new ArrayList<>();
        List<Double> sparkMs = new ArrayList<>();
        List<Double> inProcessMs = new ArrayList<>();
        try (HadoopRegionFileSystem a = A.open(); HadoopRegionFileSystem b = B.open();
                InProcessCopyExecutor inProcess = new InProcessCopyExecutor(a, b, cores)) {
            for (int round = 0; round < rounds.total(); round++) {
                long sparkNanos = 0;
                long inProcessNanos = 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean sparkTurn = (turn + round) % 2 == 0;
                    List<CopyTask> tasks = tasks(source, entries, (sparkTurn ? "s" : "p") + round);
                    CopyBenchmark.sync(); // neither pays for the dirty pages of the other
                    long start = System.nanoTime();
                    List<CopyTaskResult> results = sparkTurn ? spark.execute(tasks) : inProcess.execute(tasks);
                    long nanos = System.nanoTime() - start;
                    if (!results.stream().allMatch(CopyTaskResult::allVerified)) {
                        throw new IllegalStateException("a benchmark copy was not verified: " + results);
                    }
                    if (sparkTurn) {
                        sparkNanos = nanos;
                    } else {
                        inProcessNanos = nanos;
                    }
                    // each turn starts from the same state: no earlier copy on the disk or in its dirty pages
                    CopyBenchmark.deleteTree(work.resolve("copy/b"));
                }
                if (rounds.measured(round)) {
                    sparkMs.add(sparkNanos / 1e6);
                    inProcessMs.add(inProcessNanos / 1e6);
                    ratios.add((double) sparkNanos / inProcessNanos);
                }
            }
        }
        double megabytes = files * fileBytes / 1e6;
        out.printf(Locale.ROOT, "  copy %d files x %d bytes = %.0f MB, %d rounds after %d warm-up round(s)%n", files,
                fileBytes, megabytes, rounds.measured(), rounds.warmUp());
        out.printf(Locale.ROOT, "    spark local[%d]      median %8.1f ms  %7.1f MB/s  rounds %s%n", cores,
                median(sparkMs), megabytes / median(sparkMs) * 1000, format(sparkMs));
        out.printf(Locale.ROOT, "    in-process x%d       median %8.1f ms  %7.1f MB/s  rounds %s%n", cores,
                median(inProcessMs), megabytes / median(inProcessMs) * 1000, format(inProcessMs));
        out.printf(Locale.ROOT, "    ratio spark / in-process (time, median of %d rounds): %.2f  rounds %s%n",
                ratios.size(), median(ratios), format(ratios));
    }

    /** Tasks of up to 16 files each, into version folder {@code version} of region B. */
    private List<CopyTask> tasks(Path source, List<FileEntry> entries, String version) {
        List<CopyTask> tasks = new ArrayList<>();
        for (int start = 0; start < entries.size(); start += 16) {
            tasks.add(new CopyTask(1, tasks.size(), source.toUri().toString(),
                    work.resolve("copy/b/t/_strait_v" + version + "_1").toUri().toString(),
                    entries.subList(start, Math.min(entries.size(), start + 16))));
        }
        return tasks;
    }

    private void rows(SparkEngine engine, RowTable spec, Rounds rounds) {
        long rows = spec.rows();
        int partitions = spec.partitions();
        RowFormat format = spec.format();
        Dataset<Row> table = engine.session().range(rows)
                .withColumn("customer", functions.concat(functions.lit("c"), functions.col("id").mod(100_000)))
                .withColumn("amount", functions.col("id").multiply(7).mod(10_007).divide(100.0))
                .withColumn("note", functions.when(functions.col("id").mod(3).equalTo(0), functions.lit(null))
                        .otherwise(functions.concat(functions.lit("n"), functions.col("id").mod(97))))
                .withColumn("ds", functions.col("id").mod(partitions));
        if (spec.withTimestamp()) {
            // after "note", before the partition column: microseconds from 2024 on, 1,000,003 µs apart
            table = table.select(functions.col("id"), functions.col("customer"), functions.col("amount"),
                    functions.col("note"), functions.expr("timestamp_micros(1704067200000000 + id * 1000003)")
                            .as("at"), functions.col("ds"));
        }
        for (String region : List.of("a", "b")) {
            table.write().mode(SaveMode.Overwrite).partitionBy("ds").format(format.sourceName())
                    .save(work.resolve("rows/" + region).toUri().toString());
        }
        List<RowObject> objects = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            objects.add(new RowObject(List.of(String.valueOf(p)), location(A, "a", p, format),
                    location(B, "b", p, format)));
        }
        SparkRowComparer comparer = new SparkRowComparer(engine);
        SparkRowComparer sqlComparer = comparer.withoutFileDigest();
        TableRef ref = TableRef.of("bench", "orders");
        List<Double> countMs = new ArrayList<>();
        Measured digest = new Measured();
        Measured sql = new Measured();
        for (int round = 0; round < rounds.total(); round++) {
            long start = System.nanoTime();
            long counted = read(engine, format, "rows/a").count() + read(engine, format, "rows/b").count();
            long countNanos = System.nanoTime() - start;
            if (counted != 2 * rows) {
                throw new IllegalStateException("count() found " + counted + " rows, not " + 2 * rows);
            }
            // both ways of computing the aggregates in each round, in alternating order
            for (int turn = 0; turn < 2; turn++) {
                boolean digestTurn = (turn + round) % 2 == 0;
                (digestTurn ? digest : sql).measure(digestTurn ? comparer : sqlComparer, ref, objects,
                        rounds.measured(round));
            }
            if (rounds.measured(round)) {
                countMs.add(countNanos / 1e6);
            }
        }
        Dataset<Row> partition = read(engine, format, "rows/b/ds=0");
        List<Row> local = new ArrayList<>(partition.collectAsList());
        Object[] changedValues = new Object[local.get(0).size()];
        for (int column = 0; column < changedValues.length; column++) {
            changedValues[column] = local.get(0).get(column);
        }
        changedValues[2] = -1.0; // the amount
        local.set(0, org.apache.spark.sql.RowFactory.create(changedValues));
        engine.session().createDataFrame(local, partition.schema()).repartition(2).write().mode(SaveMode.Overwrite)
                .format(format.sourceName()).save(work.resolve("rows/b-changed").toUri().toString());
        objects.set(0, new RowObject(List.of("0"), location(A, "a", 0, format),
                new RowLocation(RegionId.of("b"), work.resolve("rows/b-changed").toUri().toString(), format)));
        // the changed compare as often as the equal ones: its first call (plans Spark compiles for the first time)
        // apart from the median of the measured calls
        List<Double> changedMs = new ArrayList<>();
        double firstChangedMs = 0;
        List<RowComparison> changed = List.of();
        for (int round = 0; round < rounds.total(); round++) {
            long start = System.nanoTime();
            changed = comparer.compare(ref, objects, 10);
            double ms = (System.nanoTime() - start) / 1e6;
            if (changed.get(0).differingRows() != 2) {
                throw new IllegalStateException("the changed row was not found: " + changed.get(0));
            }
            if (round == 0) {
                firstChangedMs = ms;
            }
            if (rounds.measured(round)) {
                changedMs.add(ms);
            }
        }
        double bothSides = 2.0 * rows;
        String how = (format == RowFormat.PARQUET ? "Parquet" : "ORC") + " digest";
        out.printf(Locale.ROOT, "  row reconcile: %d rows x 2 regions, %d partitions, %s, %d columns%n", rows,
                partitions, format.sourceName(), partition.schema().size());
        out.printf(Locale.ROOT, "    count() both sides   median %8.1f ms  %6.2f M rows/s  rounds %s%n",
                median(countMs), bothSides / median(countMs) / 1000, format(countMs));
        digest.print(how, bothSides, median(countMs));
        sql.print("Spark SQL", bothSides, median(countMs));
        out.printf(Locale.ROOT, "    compare, 1 row changed (%s, then narrowed with Spark SQL): first"
                + " %.1f ms, then median %.1f ms  rounds %s  (found: %s)%n", how, firstChangedMs, median(changedMs),
                format(changedMs), changed.get(0).sample());
        out.printf(Locale.ROOT, "    CPU time Spark SQL / %s: %.2f%n", how, median(sql.cpuMs) / median(digest.cpuMs));
    }

    private Dataset<Row> read(SparkEngine engine, RowFormat format, String directory) {
        return engine.session().read().format(format.sourceName()).load(work.resolve(directory).toUri().toString());
    }

    /** The equal compares of one way of computing the aggregates: wall clock and the process's CPU time. */
    private final class Measured {
        private final List<Double> wallMs = new ArrayList<>();
        private final List<Double> cpuMs = new ArrayList<>();

        void measure(SparkRowComparer comparer, TableRef ref, List<RowObject> objects, boolean recorded) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            List<RowComparison> equal = comparer.compare(ref, objects, 10);
            long nanos = System.nanoTime() - start;
            long cpuNanos = processCpuNanos() - cpuStart;
            if (equal.stream().anyMatch(c -> c.differs() || c.failed())) {
                throw new IllegalStateException("the equal tables were not found equal: " + equal);
            }
            if (recorded) {
                wallMs.add(nanos / 1e6);
                cpuMs.add(cpuNanos / 1e6);
            }
        }

        void print(String way, double bothSides, double countMedianMs) {
            out.printf(Locale.ROOT, "    compare, equal (%s)  median %8.1f ms  %6.2f M rows/s (%.2f M rows/s/core)"
                    + "  %.2f x count()  rounds %s%n", way, median(wallMs), bothSides / median(wallMs) / 1000,
                    bothSides / median(wallMs) / 1000 / cores, median(wallMs) / countMedianMs, format(wallMs));
            out.printf(Locale.ROOT, "      CPU time of the process  median %8.1f ms  %6.2f M rows per CPU second"
                    + "  rounds %s%n", median(cpuMs), bothSides / median(cpuMs) / 1000, format(cpuMs));
        }
    }

    /** CPU time of this process so far (every thread: a loaded machine's other work is not in it). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private RowLocation location(RegionSettings region, String directory, int partition, RowFormat format) {
        return new RowLocation(region.regionId(), work.resolve("rows/" + directory + "/ds=" + partition).toUri()
                .toString(), format);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<String> format(List<Double> values) {
        return values.stream().map(value -> String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value))
                .toList();
    }
}
