package io.strait.ops.bench;

import io.strait.common.copy.FileChecksums;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;
import io.strait.reparo.scan.CopyRecords;
import io.strait.reparo.scan.CopyRecords.RecordedFile;
import io.strait.reparo.scan.HiddenFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Reconcile of one partitioned table with many partitions and files, at {@code meta} and {@code files} depth (and
 * {@code bytes} on request), against two baselines in the same run that only count the same files: {@code find <a>
 * <b> -type f | wc -l} and a single-threaded {@code Files.walk} of both trees; with {@code bytes} depth a third that
 * reads every byte of both trees once ({@code find <a> <b> -type f -exec cat {} + > /dev/null}). The files are real (empty, or tiny)
 * files on the local disk, listed through {@link HadoopRegionFileSystem} on {@code file:}; the metastores are either
 * the in-memory gateway ({@code memory}) or two real Hive Metastore processes on Derby ({@code embedded}, through
 * the Thrift gateway; slow to fill: about 90 partitions a second). The replica's partitions live in version folders
 * as Strait publishes them, and the target's copy records (what {@code files} depth reads from the state store) are
 * served from memory, built from a listing of the source. Every measured reconcile must find the table consistent.
 */
public final class ReconcileBenchmark {
    static final TableRef TABLE = TableRef.of("bench", "events");
    private static final RegionId SOURCE = RegionId.of("a");
    private static final RegionId TARGET = RegionId.of("b");
    /** The name of the {@code bytes} depth's baseline measurement. */
    static final String CAT = "find <a> <b> -exec cat > /dev/null";

    /** One measured run. */
    public record Measurement(String name, long nanos, long files) {
    }

    /** Where the two regions keep the table, and their metastores. */
    private record Regions(String sourceRoot, String targetRoot, MetastoreGateway source, MetastoreGateway target,
            List<AutoCloseable> closeables) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            for (AutoCloseable closeable : closeables) {
                closeable.close();
            }
        }
    }

    private final Path work;
    private final int partitions;
    private final int filesPerPartition;
    private final int fileBytes;
    private final int parallelism;
    private final boolean embedded;
    private final Consumer<String> progress;

    public ReconcileBenchmark(Path work, int partitions, int filesPerPartition, int fileBytes, int parallelism,
            boolean embedded, Consumer<String> progress) {
        this.work = work;
        this.partitions = partitions;
        this.filesPerPartition = filesPerPartition;
        this.fileBytes = fileBytes;
        this.parallelism = parallelism;
        this.embedded = embedded;
        this.progress = progress;
    }

    /**
     * Builds the table (reusing files a previous run of the same shape left), then runs {@code rounds} rounds of
     * each baseline and each depth, alternating, and returns every measurement.
     */
    public List<Measurement> run(int rounds, List<ReconcileDepth> depths, int listingSamplePartitions)
            throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        try (Regions regions = embedded ? embeddedRegions() : memoryRegions();
             HadoopRegionFileSystem a = HadoopRegionFileSystem.create(SOURCE, Map.of());
             HadoopRegionFileSystem b = HadoopRegionFileSystem.create(TARGET, Map.of())) {
            Path sourceTree = Path.of(java.net.URI.create(regions.sourceRoot()));
            Path targetTree = Path.of(java.net.URI.create(regions.targetRoot()));
            writeFiles(sourceTree, targetTree);
            fillMetastores(regions);
            CopyRecords records = copyRecords(regions, a);
            Reconciler reconciler = Reconciler.builder(new RegionEndpoint(regions.source(), a),
                    new RegionEndpoint(regions.target(), b)).parallelism(parallelism).hiddenFiles(HiddenFiles.HIVE)
                    .copyRecords(records).build();
            if (listingSamplePartitions > 0) {
                measurements.addAll(listings(sourceTree, Math.min(listingSamplePartitions, partitions)));
            }
            find(sourceTree, targetTree);
            boolean readsBytes = depths.contains(ReconcileDepth.BYTES);
            for (int round = 0; round < rounds; round++) {
                measurements.add(find(sourceTree, targetTree));
                measurements.add(walk(sourceTree, targetTree));
                if (readsBytes) {
                    measurements.add(cat(sourceTree, targetTree));
                }
                for (ReconcileDepth depth : depths) {
                    measurements.add(reconcile(reconciler, depth));
                }
            }
        }
        return measurements;
    }

    private Regions memoryRegions() {
        Path root = work.resolve("memory");
        return new Regions(root.resolve("a").toUri().toString(), root.resolve("b").toUri().toString(),
                new InMemoryMetastoreGateway(SOURCE), new InMemoryMetastoreGateway(TARGET), List.of());
    }

    private Regions embeddedRegions() {
        Path root = work.resolve("embedded");
        progress.accept("starting two Hive Metastore processes (Derby) in " + root);
        List<EmbeddedRegion> started = EmbeddedRegion.startAll(List.of(
                EmbeddedRegion.builder(SOURCE.name(), root.resolve("a")),
                EmbeddedRegion.builder(TARGET.name(), root.resolve("b"))));
        ThriftMetastoreGateway source = ThriftMetastoreGateway.connect(SOURCE, started.get(0).metastoreUri());
        ThriftMetastoreGateway target = ThriftMetastoreGateway.connect(TARGET, started.get(1).metastoreUri());
        List<AutoCloseable> closeables = List.of(source, target, started.get(0), started.get(1));
        return new Regions(started.get(0).externalRootUri(), started.get(1).externalRootUri(), source, target,
                closeables);
    }

    String sourceLocation(String root, int partition) {
        return RegionFileSystem.resolve(root, "bench/events/" + partitionName(partition));
    }

    String targetLocation(String root, int partition) {
        return RegionFileSystem.resolve(root, "bench/events/" + partitionName(partition) + "/_strait_v"
                + (partition + 1) + "_1");
    }

    private static String partitionName(int partition) {
        return String.format("p=%06d", partition);
    }

    private static String value(int partition) {
        return String.format("%06d", partition);
    }

    private static String fileName(int file) {
        return String.format("part-%05d.parquet", file);
    }

    /** Writes every file of both trees unless a previous run of the same shape finished writing them. */
    private void writeFiles(Path sourceTree, Path targetTree) throws Exception {
        Path done = work.resolve(String.format("files-%s-%d-%d-%d.done", embedded ? "embedded" : "memory",
                partitions, filesPerPartition, fileBytes));
        if (Files.exists(done)) {
            progress.accept("reusing the files of an earlier run (" + done + ")");
            return;
        }
        progress.accept(String.format("writing %d files of %d bytes in each region", (long) partitions
                * filesPerPartition, fileBytes));
        long started = System.nanoTime();
        String sourceRoot = sourceTree.toUri().toString();
        String targetRoot = targetTree.toUri().toString();
        inParallel(partitions, partition -> {
            writePartition(Path.of(java.net.URI.create(sourceLocation(sourceRoot, partition))), partition);
            writePartition(Path.of(java.net.URI.create(targetLocation(targetRoot, partition))), partition);
        });
        Files.writeString(done, "written\n");
        progress.accept(String.format("files written in %.1f s", (System.nanoTime() - started) / 1e9));
    }

    private void writePartition(Path directory, int partition) {
        try {
            Files.createDirectories(directory);
            for (int file = 0; file < filesPerPartition; file++) {
                try (OutputStream out = Files.newOutputStream(directory.resolve(fileName(file)),
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(content(partition, file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] content(int partition, int file) {
        if (fileBytes == 0) {
            return new byte[0];
        }
        byte[] text = (partition + "/" + file + "\n").repeat(fileBytes).getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(text, fileBytes);
    }

    private void fillMetastores(Regions regions) throws Exception {
        progress.accept("adding " + partitions + " partitions to each metastore");
        long started = System.nanoTime();
        for (MetastoreGateway metastore : List.of(regions.source(), regions.target())) {
            String root = metastore == regions.source() ? regions.sourceRoot() : regions.targetRoot();
            if (metastore.getDatabase(TABLE.database()).isEmpty()) {
                metastore.createDatabase(new DatabaseSnapshot(TABLE.database(), RegionFileSystem.resolve(root,
                        "bench.db"), "reconcile benchmark", Map.of()));
            }
            if (metastore.getTable(TABLE).isPresent()) {
                metastore.dropTable(TABLE);
            }
            metastore.createTable(new TableSnapshot(TABLE, TableSnapshot.EXTERNAL_TABLE,
                    RegionFileSystem.resolve(root, "bench/events"), List.of(ColumnSpec.of("id", "bigint"),
                    ColumnSpec.of("payload", "string")), List.of(ColumnSpec.of("p", "string")), StorageFormat.PARQUET,
                    Map.of("EXTERNAL", "TRUE"), "strait"));
            boolean source = metastore == regions.source();
            inParallel(partitions, partition -> metastore.addPartition(new PartitionSnapshot(
                    PartitionRef.of(TABLE, List.of(value(partition))),
                    source ? sourceLocation(root, partition) : targetLocation(root, partition), StorageFormat.PARQUET,
                    Map.of())));
        }
        progress.accept(String.format("partitions added in %.1f s", (System.nanoTime() - started) / 1e9));
    }

    /**
     * The target's copy records as the state store would hold them after Strait copied every partition: per version
     * folder, each file's size, the source file's modification time (from a listing of the source) and checksum.
     */
    private CopyRecords copyRecords(Regions regions, HadoopRegionFileSystem source) throws IOException {
        Map<String, Map<String, RecordedFile>> byLocation = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            Map<String, RecordedFile> files = new HashMap<>();
            for (var entry : source.listFiles(sourceLocation(regions.sourceRoot(), partition))) {
                int file = Integer.parseInt(entry.relativePath().replaceAll("\\D", ""));
                String checksum = FileChecksums.checksum(new ByteArrayInputStream(content(partition, file)))
                        .checksum();
                files.put(entry.relativePath(), new RecordedFile(entry.sizeBytes(), entry.modificationTimeMillis(),
                        checksum));
            }
            byLocation.put(targetLocation(regions.targetRoot(), partition), files);
        }
        return (table, locations) -> {
            Map<String, Map<String, RecordedFile>> result = new HashMap<>();
            locations.forEach(location -> {
                Map<String, RecordedFile> files = byLocation.get(location);
                if (files != null) {
                    result.put(location, files);
                }
            });
            return result;
        };
    }

    private Measurement reconcile(Reconciler reconciler, ReconcileDepth depth) {
        long started = System.nanoTime();
        ReconcileScan scan = reconciler.reconcile(TABLE, depth);
        long elapsed = System.nanoTime() - started;
        if (scan.status() != ReconcileScan.Status.CONSISTENT || scan.objectsChecked() != partitions) {
            throw new IllegalStateException("the benchmark table did not reconcile as consistent at depth "
                    + depth.label() + ": " + scan.status() + " " + scan.error() + " " + scan.divergences().stream()
                    .limit(5).toList());
        }
        progress.accept(String.format("  reconcile depth %-5s %8.1f s (%d objects, %d files)", depth.label(),
                elapsed / 1e9, scan.objectsChecked(), scan.filesChecked()));
        return new Measurement("strait reconcile --depth " + depth.label(), elapsed, scan.filesChecked());
    }

    private Measurement find(Path sourceTree, Path targetTree) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", "find \"$0\" \"$1\" -type f | wc -l",
                sourceTree.toString(), targetTree.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException("find failed: " + output);
        }
        long elapsed = System.nanoTime() - started;
        progress.accept(String.format("  find -type f | wc -l   %8.1f s (%s files)", elapsed / 1e9, output));
        return new Measurement("find <a> <b> -type f | wc -l", elapsed, Long.parseLong(output));
    }

    /**
     * The baseline of {@code bytes} depth: every byte of both trees read once by {@code cat} (a process per few
     * thousand files, {@code find -exec ... +}), written to {@code /dev/null}; no checksum, no comparison.
     */
    private Measurement cat(Path sourceTree, Path targetTree) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", "find \"$0\" \"$1\" -type f -exec cat {} + > /dev/null",
                sourceTree.toString(), targetTree.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException("find -exec cat failed: " + output);
        }
        long elapsed = System.nanoTime() - started;
        long files = 2L * partitions * filesPerPartition;
        progress.accept(String.format("  find -exec cat > /dev/null %5.1f s (%d files)", elapsed / 1e9, files));
        return new Measurement(CAT, elapsed, files);
    }

    private Measurement walk(Path sourceTree, Path targetTree) throws IOException {
        long started = System.nanoTime();
        long files = 0;
        for (Path tree : List.of(sourceTree, targetTree)) {
            try (Stream<Path> paths = Files.walk(tree)) {
                files += paths.filter(Files::isRegularFile).count();
            }
        }
        long elapsed = System.nanoTime() - started;
        progress.accept(String.format("  Files.walk of both     %8.1f s (%d files)", elapsed / 1e9, files));
        return new Measurement("Files.walk <a> <b>", elapsed, files);
    }

    /**
     * Lists the first {@code sample} source partitions three ways: Hadoop's {@code listFiles(path, true)} on the raw
     * local filesystem (what Strait did before: it forks {@code ls} per file for the permissions of each
     * {@code LocatedFileStatus}), a {@code listStatus} walk, and {@link HadoopRegionFileSystem#listFiles} now.
     */
    private List<Measurement> listings(Path sourceTree, int sample) throws IOException {
        Configuration conf = new Configuration();
        List<Measurement> measurements = new ArrayList<>();
        String root = sourceTree.toUri().toString();
        try (FileSystem hadoop = new RawLocalFileSystem();
             HadoopRegionFileSystem strait = HadoopRegionFileSystem.create(SOURCE, Map.of())) {
            hadoop.initialize(java.net.URI.create("file:///"), conf);
            long started = System.nanoTime();
            long files = 0;
            for (int partition = 0; partition < sample; partition++) {
                RemoteIterator<LocatedFileStatus> listed = hadoop.listFiles(
                        new org.apache.hadoop.fs.Path(sourceLocation(root, partition)), true);
                while (listed.hasNext()) {
                    listed.next();
                    files++;
                }
            }
            measurements.add(listing("hadoop listFiles(recursive) [before]", started, files));
            started = System.nanoTime();
            files = 0;
            for (int partition = 0; partition < sample; partition++) {
                for (FileStatus status : hadoop.listStatus(new org.apache.hadoop.fs.Path(
                        sourceLocation(root, partition)))) {
                    files += status.isFile() ? 1 : 0;
                }
            }
            measurements.add(listing("hadoop listStatus", started, files));
            started = System.nanoTime();
            files = 0;
            for (int partition = 0; partition < sample; partition++) {
                files += strait.listFiles(sourceLocation(root, partition)).size();
            }
            measurements.add(listing("HadoopRegionFileSystem.listFiles [now]", started, files));
        }
        return measurements;
    }

    private Measurement listing(String name, long started, long files) {
        long elapsed = System.nanoTime() - started;
        progress.accept(String.format("  listing: %-40s %8.2f s, %d files, %.1f us/file", name, elapsed / 1e9,
                files, elapsed / 1e3 / Math.max(1, files)));
        return new Measurement("listing: " + name, elapsed, files);
    }

    private void inParallel(int count, java.util.function.IntConsumer task) throws Exception {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        task.accept(i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
