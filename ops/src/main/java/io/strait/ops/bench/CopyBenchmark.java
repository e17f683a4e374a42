package io.strait.ops.bench;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.DeltaDecider;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.region.FileEntry;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sync.CopyBandwidth;
import io.strait.sync.CopyRanges;
import io.strait.sync.InProcessCopyExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.util.ToolRunner;

/**
 * Copy throughput of Strait's verified in-process copy against {@code cp -r} and Hadoop DistCp (local mode) of the
 * same files on the same disk, in the same run. Strait reads each byte once from the source, writes it once, and
 * re-reads the closed target once to verify; {@code cp} only reads and writes, so the ratio shows the price of
 * verification.
 *
 * <p>Fairness: one warm-up copy of each tool first (page cache, JIT, DistCp's class loading); then each round runs
 * the tools in a rotated order (so none always runs on the cache the previous one left), with {@code sync} before
 * every copy (no tool pays for the previous one's dirty pages); every copy's time includes listing the source; ratios
 * are taken per round (pairs measured side by side) and their median reported. The delta phase changes a share of
 * the files between rounds and times Strait's re-sync (unchanged files reused from the previous version folder, as
 * delta copies do) against {@code cp -r} of the whole folder and {@code cp -al} of the previous version (a hard link
 * per file: the least a re-sync into a folder of its own costs on a local filesystem).
 */
public final class CopyBenchmark {
    static final String STRAIT = "strait";
    static final String CP = "cp -r";
    static final String DISTCP = "distcp";
    static final String DELTA = "strait re-sync";
    static final String CP_RESYNC = "cp -r (re-sync)";
    static final String STRAIT_FULL = "strait (full copy)";
    /** The floor of any re-sync that gives each version a folder of its own: a hard link per file, nothing else. */
    static final String CP_LINKS = "cp -al (links)";
    static final String STRAIT_STREAMS = "strait (streams)";
    static final String STRAIT_REREAD = "strait (re-read)";
    static final String STRAIT_RANGES = "strait (ranges)";

    /** One measured copy: tool, round, time, bytes in the copy and bytes actually sent. */
    public record Measurement(String tool, int round, long nanos, long bytes, long bytesSent) {
        /** A single measurement of {@code name} (other benchmarks). */
        public Measurement(String name, long nanos, long bytes) {
            this(name, 0, nanos, bytes, bytes);
        }

        public String name() {
            return tool;
        }

        double megabytesPerSecond() {
            return bytes / 1_048_576.0 / (nanos / 1e9);
        }
    }

    private final Path workDirectory;
    private final int files;
    private final long fileBytes;
    private final int parallelism;
    private final int bufferBytes;
    private final boolean withDistCp;
    private final boolean hdfs;
    private final long rangeBytes;
    /** The regions' filesystems and the executor, opened once per run as a {@code strait run} process keeps them. */
    private Regions regions;
    /** Whether Strait also copies through streams (decorated filesystems, which pass no channels on). */
    private boolean withStreams;
    /** How the files of the measured re-syncs were verified: files per method. */
    private final Map<String, Long> resyncVerifiedBy = new java.util.TreeMap<>();

    /** Files of the measured re-syncs per verification method ({@code SAME_FILE}, {@code TARGET_REREAD}, ...). */
    public Map<String, Long> resyncVerifiedBy() {
        return Map.copyOf(resyncVerifiedBy);
    }

    public CopyBenchmark(Path workDirectory, int files, long fileBytes, int parallelism, int bufferBytes,
            boolean withDistCp) {
        this(workDirectory, files, fileBytes, parallelism, bufferBytes, withDistCp, false);
    }

    /**
     * A benchmark on the local disk, or with {@code hdfs} between two HDFS clusters started in this process
     * ({@link #run} then measures Strait verifying by the DataNodes' composite CRCs, Strait re-reading the target,
     * and DistCp).
     */
    public CopyBenchmark(Path workDirectory, int files, long fileBytes, int parallelism, int bufferBytes,
            boolean withDistCp, boolean hdfs) {
        this(workDirectory, files, fileBytes, parallelism, bufferBytes, withDistCp, hdfs, 0);
    }

    /**
     * As above; with {@code hdfs} and {@code rangeBytes > 0}, Strait also copies every file above one range as
     * ranges of {@code rangeBytes} joined by {@code concat} ({@value #STRAIT_RANGES}).
     */
    public CopyBenchmark(Path workDirectory, int files, long fileBytes, int parallelism, int bufferBytes,
            boolean withDistCp, boolean hdfs, long rangeBytes) {
        this.hdfs = hdfs;
        this.rangeBytes = rangeBytes;
        this.workDirectory = workDirectory;
        this.files = files;
        this.fileBytes = fileBytes;
        this.parallelism = parallelism;
        this.bufferBytes = bufferBytes;
        this.withDistCp = withDistCp;
    }

    /** A benchmark of {@code files} files, Strait with the default buffer, DistCp included. */
    public CopyBenchmark(Path workDirectory, int files, long fileBytes, int parallelism) {
        this(workDirectory, files, fileBytes, parallelism, 1 << 16, true);
    }

    /**
     * Also measures, in the same rounds, Strait's copy through streams ({@value #STRAIT_STREAMS}): the same executor
     * over the same two local regions behind decorators, which pass no channels on, so every byte goes through
     * Hadoop's local streams as on other schemes.
     */
    public CopyBenchmark withStreams(boolean streams) {
        this.withStreams = streams;
        return this;
    }

    /** Warm-up of every tool, then {@code rounds} rounds in rotated order; the delta phase when {@code deltaPercent > 0}. */
    public List<Measurement> run(int rounds, double deltaPercent) throws Exception {
        if (hdfs) {
            return runOnHdfs(rounds);
        }
        Path source = createSource();
        List<Measurement> measurements = new ArrayList<>();
        try (Regions opened = new Regions()) {
            regions = opened;
            List<String> tools = new ArrayList<>(withDistCp ? List.of(STRAIT, CP, DISTCP) : List.of(STRAIT, CP));
            if (withStreams) {
                tools.add(STRAIT_STREAMS);
            }
            for (String tool : tools) {
                copy(tool, source, -1);
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < tools.size(); i++) {
                    measurements.add(copy(tools.get((i + round) % tools.size()), source, round));
                }
            }
            if (deltaPercent > 0) {
                measurements.addAll(delta(source, rounds, deltaPercent));
            }
        } finally {
            deleteTree(source);
        }
        return measurements;
    }

    private Measurement copy(String tool, Path source, int round) throws Exception {
        sync();
        return switch (tool) {
            case STRAIT -> copyWithStrait(source, round);
            case STRAIT_STREAMS -> copyWithStrait(source, round, true);
            case CP -> copyWithCp(source, round);
            default -> copyWithDistCp(source, round);
        };
    }

    Path createSource() throws IOException {
        Path source = workDirectory.resolve("source");
        Files.createDirectories(source);
        Random random = new Random(42);
        byte[] block = new byte[(int) Math.min(1 << 20, Math.max(1, fileBytes))];
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

    Measurement copyWithCp(Path source, int round) throws IOException, InterruptedException {
        return copyWithCp(source, round, totalBytes());
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
        return new Measurement(CP, round, elapsed, bytes, bytes);
    }

    /**
     * {@code cp -al} of the previous version folder into a fresh folder (a hard link per file, no byte read or
     * written, nothing verified), which is deleted afterwards: what a re-sync costs at the least on a filesystem where
     * every version has a folder of its own.
     */
    private Measurement linkWithCp(Path previousVersion, int round) throws IOException, InterruptedException {
        Path target = workDirectory.resolve("links-" + round);
        long started = System.nanoTime();
        Process process = new ProcessBuilder("cp", "-al", previousVersion.toString(), target.toString()).inheritIO()
                .start();
        if (process.waitFor() != 0) {
            throw new IOException("cp -al failed with exit " + process.exitValue());
        }
        long elapsed = System.nanoTime() - started;
        deleteTree(target);
        return new Measurement(CP_LINKS, round, elapsed, totalBytes(), 0);
    }

    /** Strait's verified copy (listing, sharding, copy, re-read) into a fresh folder, deleted afterwards. */
    Measurement copyWithStrait(Path source, int round) throws IOException {
        return copyWithStrait(source, round, false);
    }

    private Measurement copyWithStrait(Path source, int round, boolean throughStreams) throws IOException {
        Path target = workDirectory.resolve("strait-" + round);
        long started = System.nanoTime();
        Copied copied = regions.copy(source, target, round + 2L, Optional.empty(), throughStreams);
        long elapsed = System.nanoTime() - started;
        deleteTree(target);
        return new Measurement(throughStreams ? STRAIT_STREAMS : STRAIT, round, elapsed, totalBytes(),
                copied.bytesSent());
    }

    /**
     * Hadoop DistCp in local MapReduce mode with {@code parallelism} maps: the usual tool for this job. It verifies
     * with filesystem checksums and, where they are not comparable (the local filesystem has none), counts the file
     * as copied correctly.
     */
    Measurement copyWithDistCp(Path source, int round) throws Exception {
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
        return new Measurement(DISTCP, round, elapsed, totalBytes(), totalBytes());
    }

    /**
     * Delta re-syncs: a first full copy (not measured) is version 1; before each round {@code percent} % of the files
     * (at least one, a different share each round) get new content; Strait's re-sync into the next version folder
     * reuses the others from the previous version (hard links, verified as the same file or by re-reading), Strait's
     * full copy copies the whole folder into a fresh folder as a first version, {@code cp -r} copies the whole
     * folder, and {@code cp -al} links every file of the previous version into a fresh folder (the floor of a re-sync
     * here), in rotated order, with {@code sync} before each.
     */
    private List<Measurement> delta(Path source, int rounds, double percent) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        int changedPerRound = (int) Math.max(1, Math.round(files * percent / 100));
        Random random = new Random(5);
        Path previous = workDirectory.resolve("delta-v1");
        Copied version = regions.copy(source, previous, 1, Optional.empty());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < changedPerRound; i++) {
                int file = (round * changedPerRound + i) % files;
                byte[] bytes = new byte[(int) fileBytes];
                random.nextBytes(bytes);
                Files.write(source.resolve(String.format("part-%05d.bin", file)), bytes);
            }
            Path next = workDirectory.resolve("delta-v" + (round + 2));
            Measurement cp = null;
            Measurement resync = null;
            Measurement straitFull = null;
            Measurement links = null;
            for (int turn = 0; turn < 4; turn++) {
                sync();
                switch ((turn + round) % 4) {
                    case 0 -> {
                        long started = System.nanoTime();
                        Copied copied = regions.copy(source, next, round + 2L, Optional.of(version));
                        resync = new Measurement(DELTA, round, System.nanoTime() - started, totalBytes(),
                                copied.bytesSent());
                        copied.verifiedBy().forEach((method, count) -> resyncVerifiedBy.merge(method, count,
                                Long::sum));
                        version = copied;
                    }
                    case 1 -> {
                        Measurement full = copyWithCp(source, round);
                        cp = new Measurement(CP_RESYNC, round, full.nanos(), full.bytes(), full.bytesSent());
                    }
                    case 2 -> links = linkWithCp(previous, round);
                    default -> {
                        Measurement full = copyWithStrait(source, round);
                        straitFull = new Measurement(STRAIT_FULL, round, full.nanos(), full.bytes(),
                                full.bytesSent());
                    }
                }
            }
            measurements.add(cp);
            measurements.add(straitFull);
            measurements.add(resync);
            measurements.add(links);
            deleteTree(previous);
            previous = next;
        }
        deleteTree(previous);
        return measurements;
    }

    /**
     * HDFS to HDFS on two clusters of this process (one DataNode each, on the same disk): Strait as it verifies
     * there (the DataNodes' composite CRC32C checksums, no re-read), Strait made to re-read the target (a source
     * that reports no checksum), and DistCp in local mode (with {@code -pb}, so it writes the same layout, and
     * composite CRCs, so its own checksum check works). Warm-up of each, then rounds in rotated order, each copy into
     * a fresh folder of the second cluster that is deleted afterwards.
     */
    private List<Measurement> runOnHdfs(int rounds) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        Map<String, String> settings = Map.of("dfs.replication", "1");
        try (MiniHdfsRegions clusters = MiniHdfsRegions.start(workDirectory);
                HadoopRegionFileSystem a = HadoopRegionFileSystem.create(RegionId.of("a"), settings);
                HadoopRegionFileSystem aWithoutChecksums = new HadoopRegionFileSystem(RegionId.of("a"),
                        hdfsConfiguration(), false);
                HadoopRegionFileSystem b = HadoopRegionFileSystem.create(RegionId.of("b"), settings);
                InProcessCopyExecutor stored = new InProcessCopyExecutor(a, b, parallelism,
                        CopyBandwidth.unlimited(), bufferBytes);
                InProcessCopyExecutor reread = new InProcessCopyExecutor(aWithoutChecksums, b, parallelism,
                        CopyBandwidth.unlimited(), bufferBytes);
                InProcessCopyExecutor inRanges = new InProcessCopyExecutor(a, b, parallelism,
                        CopyBandwidth.unlimited(), bufferBytes, rangeBytes > 0 ? new CopyRanges(rangeBytes, rangeBytes)
                                : CopyRanges.NONE)) {
            String source = clusters.a() + "/bench/source";
            createSource(a, source);
            List<String> tools = new ArrayList<>(List.of(STRAIT, STRAIT_REREAD));
            if (rangeBytes > 0) {
                tools.add(STRAIT_RANGES);
            }
            if (withDistCp) {
                tools.add(DISTCP);
            }
            for (int round = -1; round < rounds; round++) {
                for (int i = 0; i < tools.size(); i++) {
                    String tool = tools.get((i + Math.max(round, 0)) % tools.size());
                    String target = clusters.b() + "/bench/" + tool.replaceAll("[^a-z]", "") + "-" + (round + 1);
                    sync();
                    long started = System.nanoTime();
                    long sent = switch (tool) {
                        case STRAIT -> copyVerified(a, b, stored, source, target, round + 2L);
                        case STRAIT_REREAD -> copyVerified(aWithoutChecksums, b, reread, source, target, round + 2L);
                        case STRAIT_RANGES -> copyVerified(a, b, inRanges, source, target, round + 2L);
                        default -> distCp(source, target);
                    };
                    long elapsed = System.nanoTime() - started;
                    b.delete(target);
                    if (round >= 0) {
                        measurements.add(new Measurement(tool, round, elapsed, totalBytes(), sent));
                    }
                }
            }
        }
        return measurements;
    }

    private static Configuration hdfsConfiguration() {
        Configuration conf = new Configuration();
        conf.set(HadoopRegionFileSystem.CHECKSUM_COMBINE_MODE, "COMPOSITE_CRC");
        conf.setInt("dfs.replication", 1);
        return conf;
    }

    private void createSource(HadoopRegionFileSystem fileSystem, String directory) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[(int) Math.min(1 << 20, Math.max(1, fileBytes))];
        for (int i = 0; i < files; i++) {
            try (OutputStream out = fileSystem.create(directory + String.format("/part-%05d.bin", i))) {
                for (long written = 0; written < fileBytes; written += block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, fileBytes - written));
                }
            }
        }
    }

    /** Strait's verified copy (listing, sharding, copy, verification); fails unless every file is verified. */
    private static long copyVerified(HadoopRegionFileSystem source, HadoopRegionFileSystem target,
            InProcessCopyExecutor executor, String sourceUri, String targetUri, long jobId) throws IOException {
        List<FileEntry> manifest = source.listFiles(sourceUri);
        List<CopyTask> tasks = new CopySharder(128L << 20, 200).shard(jobId, sourceUri, targetUri, manifest);
        target.mkdirs(targetUri);
        List<CopyTaskResult> results = executor.execute(tasks);
        if (!results.stream().allMatch(CopyTaskResult::allVerified)) {
            throw new IOException("Strait's copy did not verify: " + results);
        }
        return results.stream().mapToLong(CopyTaskResult::bytesSent).sum();
    }

    private long distCp(String sourceUri, String targetUri) throws Exception {
        Configuration conf = hdfsConfiguration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.setInt("mapreduce.local.map.tasks.maximum", parallelism);
        conf.set("mapreduce.jobtracker.staging.root.dir", workDirectory.resolve("staging").toString());
        conf.set("hadoop.tmp.dir", workDirectory.resolve("hadoop-tmp").toString());
        int exit = ToolRunner.run(conf, new DistCp(conf, null), new String[] {"-m", Integer.toString(parallelism),
            "-pb", sourceUri, targetUri});
        if (exit != 0) {
            throw new IOException("DistCp failed with exit " + exit);
        }
        return totalBytes();
    }

    private long totalBytes() {
        return files * fileBytes;
    }

    /**
     * What a Strait copy left: its version folder and manifest (for the next delta), the bytes it sent and how many
     * files were verified by each method.
     */
    private record Copied(ReplicatedVersion version, long bytesSent, Map<String, Long> verifiedBy) {
    }

    /** Two local regions and a copy executor, as {@code strait run} builds them. */
    private final class Regions implements AutoCloseable {
        private final HadoopRegionFileSystem a = HadoopRegionFileSystem.create(RegionId.of("a"), Map.of());
        private final HadoopRegionFileSystem b = HadoopRegionFileSystem.create(RegionId.of("b"), Map.of());
        private final InProcessCopyExecutor executor = new InProcessCopyExecutor(a, b, parallelism,
                CopyBandwidth.unlimited(), bufferBytes);
        private final InProcessCopyExecutor streams = new InProcessCopyExecutor(
                new io.strait.common.region.ForwardingRegionFileSystem(a) { },
                new io.strait.common.region.ForwardingRegionFileSystem(b) { }, parallelism,
                CopyBandwidth.unlimited(), bufferBytes);

        Copied copy(Path source, Path target, long jobId, Optional<Copied> previous) throws IOException {
            return copy(source, target, jobId, previous, false);
        }

        Copied copy(Path source, Path target, long jobId, Optional<Copied> previous, boolean throughStreams)
                throws IOException {
            String sourceUri = Locations.canonical(source.toUri().toString());
            String targetUri = Locations.canonical(target.toUri().toString());
            List<FileEntry> manifest = a.listFiles(sourceUri);
            List<CopyTask> tasks = new CopySharder(128L << 20, 200).shard(jobId, sourceUri, targetUri, manifest);
            if (previous.isPresent()) {
                tasks = DeltaDecider.attach(tasks, DeltaDecider.reusable(manifest,
                        Optional.of(previous.get().version()), Optional.of(previous.get().version().targetDirectory())));
            }
            b.mkdirs(targetUri);
            List<CopyTaskResult> results = (throughStreams ? streams : executor).execute(tasks);
            if (!results.stream().allMatch(CopyTaskResult::allVerified)) {
                throw new IOException("Strait's copy did not verify: " + results);
            }
            Map<String, FileCopyResult> byPath = new HashMap<>();
            results.forEach(result -> result.files().forEach(file -> byPath.put(file.relativePath(), file)));
            long recordedAt = System.currentTimeMillis();
            List<ReplicatedVersion.VerifiedFile> verified = manifest.stream().map(file ->
                    new ReplicatedVersion.VerifiedFile(file.relativePath(), file.sizeBytes(),
                            file.modificationTimeMillis(), byPath.get(file.relativePath()).targetChecksum(),
                            recordedAt)).toList();
            Map<String, Long> verifiedBy = new java.util.TreeMap<>();
            byPath.values().forEach(file -> verifiedBy.merge(String.valueOf(file.verifiedBy()), 1L, Long::sum));
            return new Copied(new ReplicatedVersion(jobId, targetUri, verified),
                    results.stream().mapToLong(CopyTaskResult::bytesSent).sum(), verifiedBy);
        }

        @Override
        public void close() {
            executor.close();
            streams.close();
            a.close();
            b.close();
        }
    }

    static void sync() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sync").inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("sync failed with exit " + process.exitValue());
        }
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
