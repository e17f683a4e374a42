package io.strait.ops.bench;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.region.FileEntry;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sync.InProcessCopyExecutor;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.util.ToolRunner;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Copy throughput of Strait's verified in-process copy against {@code cp -r} and Hadoop DistCp (local mode) of the
 * same files on the same disk, in the same run. Strait reads each byte once from the source, writes it once, and re-reads the closed target
 * once to verify; {@code cp} only reads and writes, so the ratio shows the price of verification.
 */
public final class CopyBenchmark {
    /** One measured run: what, how long, how many bytes. */
    public record Measurement(String name, long nanos, long bytes) {
        double megabytesPerSecond() {
            return bytes / 1_048_576.0 / (nanos / 1e9);
        }
    }

    private final Path workDirectory;
    private final int files;
    private final long fileBytes;
    private final int parallelism;

    public CopyBenchmark(Path workDirectory, int files, long fileBytes, int parallelism) {
        this.workDirectory = workDirectory;
        this.files = files;
        this.fileBytes = fileBytes;
        this.parallelism = parallelism;
    }

    public Path createSource() throws IOException {
        Path source = workDirectory.resolve("source");
        Files.createDirectories(source);
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < files; i++) {
            try (OutputStream out = Files.newOutputStream(source.resolve(String.format("part-%05d.bin", i)))) {
                for (long written = 0; written < fileBytes; written += block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, fileBytes - written));
                }
            }
        }
        return source;
    }

    public Measurement copyWithCp(Path source, int round) throws IOException, InterruptedException {
        return copyWithCp(source, round, (long) files * fileBytes);
    }

    /** {@code cp -r} of {@code source} (holding {@code bytes}) to a fresh folder, which is deleted afterwards. */
    public Measurement copyWithCp(Path source, int round, long bytes) throws IOException, InterruptedException {
        Path target = workDirectory.resolve("cp-" + round);
        long started = System.nanoTime();
        Process process = new ProcessBuilder("cp", "-r", source.toString(), target.toString()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("cp failed with exit " + process.exitValue());
        }
        long elapsed = System.nanoTime() - started;
        deleteTree(target);
        return new Measurement("cp -r", elapsed, bytes);
    }

    public Measurement copyWithStrait(Path source, int round) throws IOException {
        Path target = workDirectory.resolve("strait-" + round);
        try (HadoopRegionFileSystem a = HadoopRegionFileSystem.create(RegionId.of("a"), Map.of());
             HadoopRegionFileSystem b = HadoopRegionFileSystem.create(RegionId.of("b"), Map.of());
             InProcessCopyExecutor executor = new InProcessCopyExecutor(a, b, parallelism)) {
            String sourceUri = Locations.canonical(source.toUri().toString());
            String targetUri = Locations.canonical(target.toUri().toString());
            List<FileEntry> manifest = a.listFiles(sourceUri);
            List<CopyTask> tasks = new CopySharder(128L << 20, 200).shard(round + 1L, sourceUri, targetUri, manifest);
            long started = System.nanoTime();
            b.mkdirs(targetUri);
            List<CopyTaskResult> results = executor.execute(tasks);
            long elapsed = System.nanoTime() - started;
            if (!results.stream().allMatch(CopyTaskResult::allVerified)) {
                throw new IOException("Strait's copy did not verify: " + results);
            }
            deleteTree(target);
            return new Measurement("strait (verified, parallelism " + parallelism + ")", elapsed,
                    (long) files * fileBytes);
        }
    }

    /**
     * Hadoop DistCp in local MapReduce mode with {@code parallelism} maps: the usual tool for this job. It verifies
     * with filesystem checksums and, where they are not comparable (the local filesystem has none), counts the file
     * as copied correctly.
     */
    public Measurement copyWithDistCp(Path source, int round) throws Exception {
        Path target = workDirectory.resolve("distcp-" + round);
        Configuration conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.setInt("mapreduce.local.map.tasks.maximum", parallelism);
        conf.set("mapreduce.jobtracker.staging.root.dir", workDirectory.resolve("staging").toString());
        conf.set("hadoop.tmp.dir", workDirectory.resolve("hadoop-tmp").toString());
        long started = System.nanoTime();
        int exit = ToolRunner.run(conf, new DistCp(conf, null), new String[] {"-m", Integer.toString(parallelism),
            source.toUri().toString(), target.toUri().toString()});
        long elapsed = System.nanoTime() - started;
        if (exit != 0) {
            throw new IOException("DistCp failed with exit " + exit);
        }
        deleteTree(target);
        return new Measurement("distcp (local, " + parallelism + " maps)", elapsed, (long) files * fileBytes);
    }

    /** Alternates the copies {@code rounds} times (after one warm-up of each) and returns every measurement. */
    public List<Measurement> run(int rounds) throws Exception {
        Path source = createSource();
        List<Measurement> measurements = new ArrayList<>();
        try {
            copyWithCp(source, -1);
            copyWithDistCp(source, -1);
            for (int round = 0; round < rounds; round++) {
                measurements.add(copyWithCp(source, round));
                measurements.add(copyWithDistCp(source, round));
                measurements.add(copyWithStrait(source, round));
            }
        } finally {
            deleteTree(source);
        }
        return measurements;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
