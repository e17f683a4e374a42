package io.strait.ops.bench;

import io.strait.common.config.DataSize;
import io.strait.common.rows.RowFormat;
import io.strait.ops.bench.CopyBenchmark.Measurement;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks, each against a baseline run"
        + " in the same run.", subcommands = {BenchCommand.Copy.class, BenchCommand.Reconcile.class,
        BenchCommand.Bootstrap.class, BenchCommand.Claims.class,
        BenchCommand.Spark.class, BenchCommand.Listener.class, BenchCommand.Housekeeping.class})
public final class BenchCommand {
    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Verified in-process copy against cp -r and DistCp (local mode), on the local disk: a warm-up"
                    + " copy of each, then rounds in rotated order with sync before every copy; prints medians and the"
                    + " median of the per-round ratios. --delta-percent adds re-syncs after changing that share of"
                    + " the files (delta copies) against Strait's full copy and cp -r of the whole folder.")
    static final class Copy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--files", defaultValue = "64", description = "files to copy (default ${DEFAULT-VALUE})")
        int files;

        @Option(names = "--file-size", defaultValue = "8MB", description = "size of each file (default ${DEFAULT-VALUE})")
        String fileSize;

        @Option(names = "--parallelism", defaultValue = "4", description = "Strait copy threads (default ${DEFAULT-VALUE})")
        int parallelism;

        @Option(names = "--rounds", defaultValue = "3", description = "measured rounds (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--buffer-size", defaultValue = "64KB",
                description = "Strait's copy buffer per thread (default ${DEFAULT-VALUE})")
        String bufferSize;

        @Option(names = "--delta-percent", defaultValue = "0",
                description = "also time re-syncs after changing this % of the files (default ${DEFAULT-VALUE}: none)")
        double deltaPercent;

        @Option(names = "--no-distcp", description = "leave DistCp out")
        boolean noDistCp;

        @Option(names = "--streams", description = "also time Strait copying through streams in the same rounds (the"
                + " path of other schemes: no channels, no direct buffers)")
        boolean streams;

        @Option(names = "--hdfs", description = "copy between two HDFS clusters started here (MiniDFSClusters on the"
                + " local disk) instead: Strait verifying by the DataNodes' composite CRCs against Strait re-reading"
                + " the target and DistCp (local mode); --delta-percent does not apply")
        boolean hdfs;

        @Option(names = "--range-size", defaultValue = "0",
                description = "with --hdfs, also time Strait copying each file above this size as ranges of it in"
                        + " parallel, joined by concat (default ${DEFAULT-VALUE}: not)")
        String rangeSize;

        @Option(names = "--dir", description = "work directory (default: a temp directory)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? dir : Files.createTempDirectory("strait-bench-");
            long bytes = DataSize.parse(fileSize).bytes();
            CopyBenchmark benchmark = new CopyBenchmark(work, files, bytes, parallelism,
                    (int) DataSize.parse(bufferSize).bytes(), !noDistCp, hdfs, DataSize.parse(rangeSize).bytes())
                    .withStreams(streams);
            List<Measurement> all = benchmark.run(rounds, deltaPercent);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "copy benchmark: %d files x %s = %s, %d rounds after a warm-up, Strait parallelism"
                    + " %d, buffer %s, in %s%s%n", files, fileSize, new DataSize(files * bytes), rounds, parallelism,
                    bufferSize, work, hdfs ? ", HDFS to HDFS (two MiniDFSClusters)" : "");
            for (String tool : List.of(CopyBenchmark.CP, CopyBenchmark.DISTCP, CopyBenchmark.STRAIT,
                    CopyBenchmark.STRAIT_STREAMS,
                    CopyBenchmark.STRAIT_REREAD, CopyBenchmark.STRAIT_RANGES,
                    CopyBenchmark.CP_RESYNC, CopyBenchmark.STRAIT_FULL, CopyBenchmark.DELTA, CopyBenchmark.CP_LINKS)) {
                List<Measurement> runs = all.stream().filter(m -> m.tool().equals(tool)).toList();
                if (!runs.isEmpty()) {
                    Measurement m = median(runs);
                    out.printf(Locale.ROOT, "  %-17s median %9.1f ms  %8.1f MB/s  rounds %s ms  sent %d bytes%n",
                            tool, m.nanos() / 1e6, m.megabytesPerSecond(), runs.stream()
                                    .map(run -> String.format(Locale.ROOT, "%.0f", run.nanos() / 1e6)).toList(),
                            m.bytesSent());
                }
            }
            printRatio(out, all, CopyBenchmark.STRAIT, CopyBenchmark.CP);
            printRatio(out, all, CopyBenchmark.STRAIT, CopyBenchmark.DISTCP);
            printRatio(out, all, CopyBenchmark.STRAIT, CopyBenchmark.STRAIT_STREAMS);
            printRatio(out, all, CopyBenchmark.STRAIT_STREAMS, CopyBenchmark.CP);
            printRatio(out, all, CopyBenchmark.STRAIT, CopyBenchmark.STRAIT_REREAD);
            printRatio(out, all, CopyBenchmark.STRAIT_REREAD, CopyBenchmark.DISTCP);
            printRatio(out, all, CopyBenchmark.STRAIT_RANGES, CopyBenchmark.STRAIT);
            printRatio(out, all, CopyBenchmark.STRAIT_RANGES, CopyBenchmark.DISTCP);
            printRatio(out, all, CopyBenchmark.DELTA, CopyBenchmark.CP_RESYNC);
            printRatio(out, all, CopyBenchmark.DELTA, CopyBenchmark.STRAIT_FULL);
            printRatio(out, all, CopyBenchmark.DELTA, CopyBenchmark.CP_LINKS);
            printRatio(out, all, CopyBenchmark.CP_LINKS, CopyBenchmark.STRAIT_FULL);
            List<Measurement> resyncs = all.stream().filter(m -> m.tool().equals(CopyBenchmark.DELTA)).toList();
            if (!resyncs.isEmpty()) {
                out.printf(Locale.ROOT, "  ratio %s / %s (bytes sent): %.4f; files of the re-syncs verified by %s%n",
                        CopyBenchmark.DELTA, CopyBenchmark.STRAIT_FULL, resyncs.stream()
                                .mapToDouble(m -> (double) m.bytesSent() / m.bytes()).sorted()
                                .skip(resyncs.size() / 2).findFirst().orElseThrow(), benchmark.resyncVerifiedBy());
            }
            return 0;
        }

        /** The median over rounds of the time ratio of {@code tool} to {@code baseline} measured in the same round. */
        private static void printRatio(PrintWriter out, List<Measurement> all, String tool, String baseline) {
            List<Double> ratios = new ArrayList<>();
            for (Measurement m : all) {
                if (m.tool().equals(tool)) {
                    all.stream().filter(other -> other.tool().equals(baseline) && other.round() == m.round())
                            .findFirst()
                            .ifPresent(pair -> ratios.add((double) m.nanos() / pair.nanos()));
                }
            }
            if (!ratios.isEmpty()) {
                List<Double> sorted = ratios.stream().sorted().toList();
                out.printf(Locale.ROOT, "  ratio %s / %s (time, median of %d pairs): %.2f  pairs %s%n", tool, baseline,
                        sorted.size(), sorted.get(sorted.size() / 2), ratios.stream()
                                .map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList());
            }
        }

        private static Measurement median(List<Measurement> runs) {
            List<Measurement> sorted = runs.stream().sorted(Comparator.comparingLong(Measurement::nanos)).toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    @Command(name = "claims", mixinStandardHelpOptions = true,
            description = "The scheduler's state-store cost: create metadata-only jobs as the planner does, then claim"
                    + " them, and claim and finish them, with 1, 2 and 4 claimers at once, against plain"
                    + " compare-and-set by id; prints jobs/s and ratios (embedded MariaDB unless --store is given).")
    static final class Claims implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--jobs", defaultValue = "20000", description = "jobs per phase (default ${DEFAULT-VALUE})")
        int jobs;

        @Option(names = "--claim-batch", defaultValue = "8",
                description = "jobs one claim takes at most, as a process with that many free workers (default"
                        + " ${DEFAULT-VALUE})")
        int claimBatch;

        @Option(names = "--baseline-jobs", defaultValue = "5000",
                description = "jobs the baseline moves (its cost per job does not depend on the backlog; default"
                        + " ${DEFAULT-VALUE})")
        int baselineJobs;

        @Option(names = "--claimers", split = ",", defaultValue = "1,2,4",
                description = "claimer counts to measure (default ${DEFAULT-VALUE})")
        List<Integer> claimers;

        @Option(names = "--store", description = "JDBC URL of a MySQL/MariaDB state store (default: an embedded"
                + " MariaDB started here)")
        String store;

        @Option(names = "--store-user", defaultValue = "root", description = "state store user (default"
                + " ${DEFAULT-VALUE})")
        String storeUser;

        @Option(names = "--lifecycles-only", description = "measure only whole job lifecycles after the baseline"
                + " (claims alone leave every job in flight, which a large run should not)")
        boolean lifecyclesOnly;

        @Option(names = "--commits", split = ",", defaultValue = "ALONE,GROUPED,BATCHED",
                description = "how each claimer's workers write their jobs' commits in the lifecycles: ALONE (a"
                        + " transaction each), GROUPED (with the other workers' commits waiting at the same time),"
                        + " BATCHED (a worker takes up to --partition-batch partition jobs of one table and writes"
                        + " their commits together, as strait run does); default ${DEFAULT-VALUE}")
        List<ClaimBenchmark.CommitMode> commits;

        @Option(names = "--partition-batch", defaultValue = "32",
                description = "partition jobs of one table per worker in BATCHED lifecycles (default"
                        + " ${DEFAULT-VALUE}, as scheduler.partition-batch)")
        int partitionBatch;

        @Option(names = "--plan-while-running", description = "also plan the jobs while the claimers run them"
                + " (partition batches), as a link's cycle plans while every process runs what was planned before;"
                + " the phase ends when all are planned and succeeded")
        boolean planWhileRunning;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<ClaimBenchmark.Phase> phases;
            if (store != null) {
                phases = new ClaimBenchmark(store, storeUser, "", jobs, claimBatch, Math.min(jobs, baselineJobs),
                        out::println).partitionBatch(partitionBatch).planWhileRunning(planWhileRunning)
                        .run(claimers, !lifecyclesOnly, commits);
            } else {
                Path work = Files.createTempDirectory("strait-bench-claims-");
                try (io.strait.embedded.EmbeddedStateStore embedded = io.strait.embedded.EmbeddedStateStore.start(
                        work.resolve("store"), "strait_bench")) {
                    phases = new ClaimBenchmark(embedded.jdbcUrl(), embedded.user(), embedded.password(), jobs,
                            claimBatch, Math.min(jobs, baselineJobs), out::println).partitionBatch(partitionBatch)
                            .planWhileRunning(planWhileRunning).run(claimers, !lifecyclesOnly, commits);
                }
            }
            ClaimBenchmark.Phase baseline = phases.get(1);
            out.printf(Locale.ROOT, "claims benchmark: %d metadata-only jobs per phase over 50 tables, claims of up"
                    + " to %d%n", jobs, claimBatch);
            for (ClaimBenchmark.Phase phase : phases) {
                out.printf(Locale.ROOT, "  %-70s %8.1f s  %8.0f jobs/s  time per job vs baseline %.2f%s%n",
                        phase.name(), phase.nanos() / 1e9, phase.perSecond(),
                        baseline.perSecond() / phase.perSecond(), phase.transactions() == 0 ? ""
                                : String.format(Locale.ROOT, "  state-store transactions per job %.2f",
                                        (double) phase.transactions() / phase.jobs()));
            }
            return 0;
        }
    }

    @Command(name = "bootstrap", mixinStandardHelpOptions = true,
            description = "strait bootstrap of an existing partitioned table (embedded MariaDB and two Hive Metastore"
                    + " processes, all started here) against cp -r of the same table folder before and after it;"
                    + " prints times, rates and the ratio, and the jobs' drain (jobs/s) and lag p50/p99.")
    static final class Bootstrap implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--partitions", defaultValue = "200", description = "partitions (default ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--files-per-partition", defaultValue = "4",
                description = "files per partition (default ${DEFAULT-VALUE})")
        int filesPerPartition;

        @Option(names = "--file-size", defaultValue = "1MB", description = "size of each file (default ${DEFAULT-VALUE})")
        String fileSize;

        @Option(names = "--dir", description = "work directory (default: a temp directory)")
        Path dir;

        @Option(names = "--scheduler", paramLabel = "KEY=VALUE", description = "a scheduler setting of the"
                + " configuration the bootstrap runs with, e.g. partition-batch=1 or table-concurrency=32 (repeatable;"
                + " default: the configuration's defaults, 8 job workers)")
        Map<String, String> scheduler = new java.util.LinkedHashMap<>();

        @Option(names = "--drop-all", description = "After the bootstrap, drop every partition in region A (data"
                + " kept, 100 per metastore call, as a retention job does) and time strait run --until-drained"
                + " replicating the drop burst (one DROP_PARTITION job per partition, planned from the captured"
                + " events)")
        boolean dropAll;

        @Option(names = "--warm-up-partitions", defaultValue = "0", description = "Before the timed bootstrap, the"
                + " same process bootstraps another table of this many partitions, untimed, so that the timed run"
                + " is on compiled code as in a long-running strait run (default: ${DEFAULT-VALUE}, none)")
        int warmUpPartitions;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? dir : Files.createTempDirectory("strait-bench-bootstrap-");
            long bytes = DataSize.parse(fileSize).bytes();
            BootstrapBenchmark.Result result = new BootstrapBenchmark(work, partitions, filesPerPartition, bytes,
                    scheduler, dropAll, warmUpPartitions).run();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "bootstrap benchmark: %d partitions x %d files x %s = %d files, %s, in %s%n",
                    partitions, filesPerPartition, fileSize, result.files(), new DataSize(result.bytes()), work);
            if (result.bootstrapExit() != 0) {
                out.println("  strait bootstrap exited " + result.bootstrapExit() + ":");
                out.print(result.bootstrapOutput());
                out.flush();
                return 1;
            }
            Measurement cp = result.copies().stream().min(Comparator.comparingLong(Measurement::nanos)).orElseThrow();
            for (Measurement m : List.of(cp, result.bootstrap())) {
                out.printf(Locale.ROOT, "  %-52s %8.1f ms  %8.1f MB/s  %8.1f files/s%n", m.name(), m.nanos() / 1e6,
                        m.megabytesPerSecond(), result.files() / (m.nanos() / 1e9));
            }
            out.printf(Locale.ROOT, "  ratio bootstrap / cp (time, best of %d cp runs): %.2f%n",
                    result.copies().size(), (double) result.bootstrap().nanos() / cp.nanos());
            out.printf("%s", result.bootstrapJobs().describe("bootstrap jobs"));
            if (result.drops() != null) {
                out.printf(Locale.ROOT, "  %-52s %8.1f ms  %8.1f partitions/s (exit %d; %d partition(s) left in"
                        + " the target)%n", result.drops().name(), result.drops().nanos() / 1e6,
                        partitions / (result.drops().nanos() / 1e9), result.dropsExit(),
                        result.targetPartitionsLeft());
                out.printf("%s", result.dropJobs().describe("drop jobs"));
                if (result.dropsExit() != 0 || result.targetPartitionsLeft() != 0) {
                    out.print(result.bootstrapOutput());
                    out.flush();
                    return 1;
                }
            }
            return 0;
        }
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = "Reconcile of one table with many partitions and files at meta and files depth (and bytes"
                    + " on request), against find | wc -l and a Files.walk of the same two trees (at bytes depth"
                    + " also find -exec cat > /dev/null of both); prints medians and ratios. Files are"
                    + " real local files (Hadoop filesystem on file:); metastores in memory, or two real Hive"
                    + " Metastore processes with --metastore embedded.")
    static final class Reconcile implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--partitions", defaultValue = "100000", description = "partitions (default ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--files-per-partition", defaultValue = "10",
                description = "files per partition (default ${DEFAULT-VALUE})")
        int filesPerPartition;

        @Option(names = "--file-size", defaultValue = "0", description = "bytes per file (default ${DEFAULT-VALUE})")
        int fileBytes;

        @Option(names = "--depth", split = ",", defaultValue = "meta,files",
                description = "depths to measure: meta, files, bytes (default ${DEFAULT-VALUE})")
        List<String> depths;

        @Option(names = "--metastore", defaultValue = "memory",
                description = "memory (in-memory metastores) or embedded (two Hive Metastore processes on Derby)")
        String metastore;

        @Option(names = "--parallelism", defaultValue = "4",
                description = "partitions read at once per region (default ${DEFAULT-VALUE})")
        int parallelism;

        @Option(names = "--rounds", defaultValue = "3", description = "measured rounds (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--listing-sample", defaultValue = "100", description = "partitions listed through Hadoop's"
                + " recursive listing and Strait's, to compare them (0: none; default ${DEFAULT-VALUE})")
        int listingSample;

        @Option(names = "--dir", description = "work directory, kept so that a rerun reuses its files (default: a"
                + " temp directory, deleted at the end)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            if (!List.of("memory", "embedded").contains(metastore)) {
                throw io.strait.common.error.StraitException.userError("--metastore must be memory or embedded, not '"
                        + metastore + "'");
            }
            List<io.strait.common.divergence.ReconcileDepth> measured = depths.stream()
                    .map(io.strait.common.divergence.ReconcileDepth::parse).toList();
            Path work = dir != null ? dir : Files.createTempDirectory("strait-bench-reconcile-");
            Files.createDirectories(work);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "reconcile benchmark: 1 table, %d partitions x %d files of %d bytes per region,"
                    + " %s metastores, parallelism %d, %d rounds, in %s%n", partitions, filesPerPartition, fileBytes,
                    metastore, parallelism, rounds, work);
            out.flush();
            List<ReconcileBenchmark.Measurement> all;
            try {
                all = new ReconcileBenchmark(work, partitions, filesPerPartition, fileBytes, parallelism,
                        metastore.equals("embedded"), line -> {
                            out.println(line);
                            out.flush();
                        }).run(rounds, measured, listingSample);
            } finally {
                if (dir == null) {
                    CopyBenchmark.deleteTree(work);
                }
            }
            List<String> names = all.stream().map(ReconcileBenchmark.Measurement::name).distinct().toList();
            out.println("medians:");
            for (String name : names) {
                ReconcileBenchmark.Measurement median = medianOf(all, name);
                out.printf(Locale.ROOT, "  %-44s %9.2f s  (%d files)%n", name, median.nanos() / 1e9, median.files());
            }
            ReconcileBenchmark.Measurement find = medianOf(all, "find <a> <b> -type f | wc -l");
            ReconcileBenchmark.Measurement walk = medianOf(all, "Files.walk <a> <b>");
            for (io.strait.common.divergence.ReconcileDepth depth : measured) {
                ReconcileBenchmark.Measurement strait = medianOf(all, "strait reconcile --depth " + depth.label());
                out.printf(Locale.ROOT, "  ratio reconcile %s / find (time): %.2f; / Files.walk: %.2f; %.0f file"
                        + " pairs/s (%.0f files/s over both regions)%n", depth.label(),
                        (double) strait.nanos() / find.nanos(), (double) strait.nanos() / walk.nanos(),
                        strait.files() / (strait.nanos() / 1e9), 2 * strait.files() / (strait.nanos() / 1e9));
                if (depth == io.strait.common.divergence.ReconcileDepth.BYTES) {
                    ReconcileBenchmark.Measurement cat = medianOf(all, ReconcileBenchmark.CAT);
                    out.printf(Locale.ROOT, "  ratio reconcile bytes / find -exec cat (time): %.2f (cat: %.0f files/s)%n",
                            (double) strait.nanos() / cat.nanos(), cat.files() / (cat.nanos() / 1e9));
                }
            }
            return 0;
        }

        private static ReconcileBenchmark.Measurement medianOf(List<ReconcileBenchmark.Measurement> all, String name) {
            List<ReconcileBenchmark.Measurement> sorted = all.stream().filter(m -> m.name().equals(name))
                    .sorted(Comparator.comparingLong(ReconcileBenchmark.Measurement::nanos)).toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    @Command(name = "listener", mixinStandardHelpOptions = true,
            description = "The metastore listener's cost: (a) its recorder's sustained ingest into MariaDB (group"
                    + " commit, events/s from --threads threads, apart from any metastore) against one row per"
                    + " transaction over one connection, alternated round by round; (b) add_partition latency"
                    + " p50/p99 of five otherwise identical Hive Metastore processes: two without the listener (the"
                    + " second a control that shows the noise), with it durable, with it journaled and with it while"
                    + " its state store is down (the spool path), taking turns call by call (embedded MariaDB unless"
                    + " --store is given).")
    static final class Listener implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "20000", description = "events per recorder round (default"
                + " ${DEFAULT-VALUE})")
        int events;

        @Option(names = "--baseline-events", defaultValue = "5000", description = "events per baseline round (its"
                + " cost per event does not depend on the count; default ${DEFAULT-VALUE})")
        int baselineEvents;

        @Option(names = "--threads", defaultValue = "64", description = "threads handing events over, as concurrent"
                + " metastore calls (default ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--rounds", defaultValue = "3", description = "measured rounds of each part (default"
                + " ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--calls", defaultValue = "300", description = "add_partition calls per metastore and round;"
                + " 0: no metastore part (default ${DEFAULT-VALUE})")
        int calls;

        @Option(names = "--warm-up", defaultValue = "100", description = "add_partition calls per metastore before"
                + " measuring (default ${DEFAULT-VALUE})")
        int warmUp;

        @Option(names = "--store", description = "JDBC URL of a MySQL/MariaDB state store (default: an embedded"
                + " MariaDB started here)")
        String store;

        @Option(names = "--store-user", defaultValue = "root", description = "state store user (default"
                + " ${DEFAULT-VALUE})")
        String storeUser;

        @Option(names = "--dir", description = "work directory (default: a temp directory)")
        Path dir;

        @Option(names = "--acknowledge", defaultValue = "durable", description = "the ingest recorder's"
                + " strait.listener.acknowledge: durable (each call waits for its group commit) or journaled (calls"
                + " return once journaled; a round lasts until every event is in the store); default"
                + " ${DEFAULT-VALUE}")
        String acknowledge;

        @Option(names = "--metastore-log-sync", description = "run the metastores' Derby databases with their log"
                + " forced at every commit (Derby's default); without it they run with derby.system.durability=test,"
                + " all alike, so that the tail of their own log flushes on the local disk does not hide what the"
                + " listener adds (a production metastore keeps its database on a database server)")
        boolean metastoreLogSync;

        @Option(names = "--journal-sync-interval", defaultValue = "100ms", description = "the ingest recorder's"
                + " strait.listener.journal-sync-interval with --acknowledge journaled (default ${DEFAULT-VALUE})")
        String journalSyncInterval;

        @Override
        public Integer call() throws Exception {
            io.strait.listener.Acknowledgement acknowledgement = io.strait.listener.Acknowledgement.of(acknowledge)
                    .orElseThrow(() -> io.strait.common.error.StraitException.userError("--acknowledge '"
                            + acknowledge + "' is not an acknowledgement mode: write "
                            + io.strait.listener.Acknowledgement.accepted()));
            if (events < 1 || baselineEvents < 1 || threads < 1 || rounds < 1 || calls < 0 || warmUp < 0) {
                throw io.strait.common.error.StraitException.userError("--events, --baseline-events, --threads and"
                        + " --rounds must be at least 1, --calls and --warm-up at least 0");
            }
            Path work = dir != null ? dir : Files.createTempDirectory("strait-bench-listener-");
            PrintWriter out = spec.commandLine().getOut();
            Consumer<String> progress = line -> {
                out.println(line);
                out.flush();
            };
            if (store != null) {
                report(out, new ListenerBenchmark(work, store, storeUser, "", progress, journalSyncInterval), store,
                        acknowledgement);
            } else {
                try (io.strait.embedded.EmbeddedStateStore embedded = io.strait.embedded.EmbeddedStateStore.start(
                        work.resolve("store"), "strait_bench")) {
                    report(out, new ListenerBenchmark(work, embedded.jdbcUrl(), embedded.user(),
                            embedded.password(), progress, journalSyncInterval), "an embedded MariaDB",
                            acknowledgement);
                }
            }
            return 0;
        }

        private void report(PrintWriter out, ListenerBenchmark benchmark, String storeName,
                io.strait.listener.Acknowledgement acknowledgement) throws Exception {
            String recorderName = acknowledgement == io.strait.listener.Acknowledgement.JOURNALED
                    ? ListenerBenchmark.RECORDER_JOURNALED : ListenerBenchmark.RECORDER;
            out.printf(Locale.ROOT, "listener benchmark: ingest of %d events per round (baseline %d) from %d"
                    + " threads into %s, %d rounds, in %s%n", events, baselineEvents, threads,
                    io.strait.sql.StoreUrls.redact(storeName), rounds, dir != null ? dir : "a temp directory");
            out.flush();
            List<ListenerBenchmark.Rate> rates = benchmark.ingest(events, baselineEvents, threads, rounds,
                    acknowledgement);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                int current = round;
                double recorder = rates.stream().filter(rate -> rate.round() == current
                        && rate.name().equals(recorderName)).findFirst().orElseThrow().perSecond();
                double baseline = rates.stream().filter(rate -> rate.round() == current
                        && rate.name().equals(ListenerBenchmark.BASELINE)).findFirst().orElseThrow().perSecond();
                ratios.add(recorder / baseline);
            }
            for (String name : List.of(ListenerBenchmark.BASELINE, recorderName)) {
                List<ListenerBenchmark.Rate> ofName = rates.stream().filter(rate -> rate.name().equals(name))
                        .sorted(java.util.Comparator.comparingDouble(ListenerBenchmark.Rate::perSecond)).toList();
                ListenerBenchmark.Rate median = ofName.get(ofName.size() / 2);
                out.printf(Locale.ROOT, "  %-40s median %8.0f events/s  rounds %s  (its calls: p50 %.2f ms, p99"
                        + " %.2f ms)%n", name, median.perSecond(), ofName.stream()
                                .map(rate -> String.format(Locale.ROOT, "%.0f", rate.perSecond())).toList(),
                        median.callMillis(50), median.callMillis(99));
            }
            List<Double> sortedRatios = ratios.stream().sorted().toList();
            out.printf(Locale.ROOT, "  ratio recorder / baseline (events/s, median of %d rounds): %.1f  rounds %s%n",
                    ratios.size(), sortedRatios.get(sortedRatios.size() / 2), ratios.stream()
                            .map(ratio -> String.format(Locale.ROOT, "%.1f", ratio)).toList());
            if (calls == 0) {
                return;
            }
            out.printf(Locale.ROOT, "metastore add_partition latency: %d calls per metastore and round after %d to"
                    + " warm up, %d rounds, the five metastores taking turns call by call, Derby's log %s%n", calls,
                    warmUp, rounds, metastoreLogSync ? "forced at every commit" : "not forced (durability=test)");
            out.flush();
            List<ListenerBenchmark.Latencies> latencies = benchmark.metastoreLatency(calls, rounds, warmUp,
                    metastoreLogSync);
            ListenerBenchmark.Latencies plain = latencies.get(0);
            for (ListenerBenchmark.Latencies measured : latencies) {
                out.printf(Locale.ROOT, "  %-40s p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  (%d calls)%n",
                        measured.name(), measured.percentileMillis(50), measured.percentileMillis(99),
                        measured.maxMillis(), measured.nanos().size());
            }
            for (ListenerBenchmark.Latencies measured : latencies) {
                measured.listenerOwn().ifPresent(own -> out.printf(Locale.ROOT, "  the listener's own work in each"
                        + " call (%s, measured in the metastore, warm-up included): %s%n", measured.name(),
                        own.describe()));
            }
            for (ListenerBenchmark.Latencies measured : latencies.subList(1, latencies.size())) {
                out.printf(Locale.ROOT, measured.name().equals(ListenerBenchmark.CONTROL)
                        ? "  noise (%s, no listener either): p50 %+.2f ms, p99 %+.2f ms%n"
                        : "  added by the listener (%s): p50 %+.2f ms, p99 %+.2f ms%n",
                        measured.name(), measured.percentileMillis(50) - plain.percentileMillis(50),
                        measured.percentileMillis(99) - plain.percentileMillis(99));
            }
        }
    }

    @Command(name = "housekeeping", mixinStandardHelpOptions = true,
            description = "One housekeeping sweep of the version folders of a table of many partitions, each written"
                    + " twice (a dry run on in-memory twins of the target's metastore and filesystem: the sweep's own"
                    + " work), against the same sweep of a tenth of the partitions; prints the time per partition"
                    + " and its ratio (1: the sweep grows linearly with the table).")
    static final class Housekeeping implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--partitions", defaultValue = "20000", description = "Partitions of the table (default:"
                + " ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--rounds", defaultValue = "3", description = "Sweeps of each size; the best counts (default:"
                + " ${DEFAULT-VALUE})")
        int rounds;

        @Override
        public Integer call() throws Exception {
            if (partitions < 10 || rounds < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--partitions must be at least 10 and --rounds at least 1");
            }
            io.strait.ops.housekeeping.SweepBenchmark.Measurement tenth =
                    io.strait.ops.housekeeping.SweepBenchmark.measure(partitions / 10, rounds);
            io.strait.ops.housekeeping.SweepBenchmark.Measurement full =
                    io.strait.ops.housekeeping.SweepBenchmark.measure(partitions, rounds);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "housekeeping benchmark: a dry-run sweep of one table's version folders, each"
                    + " partition written twice, best of %d%n", rounds);
            for (io.strait.ops.housekeeping.SweepBenchmark.Measurement m : List.of(tenth, full)) {
                out.printf(Locale.ROOT, "  %7d partitions  %10.1f ms  %8.2f us/partition  %d folders to remove%n",
                        m.partitions(), m.nanos() / 1e6, m.microsPerPartition(), m.removable());
            }
            out.printf(Locale.ROOT, "  ratio of time per partition, %d against %d partitions: %.2f (1: linear, 10:"
                    + " quadratic)%n", full.partitions(), tenth.partitions(),
                    full.microsPerPartition() / tenth.microsPerPartition());
            return full.removable() == partitions && tenth.removable() == partitions / 10 ? 0 : 1;
        }
    }

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = "Spark local mode against in-process on the same copy job (median of per-round time ratios),"
                    + " and the row-level reconcile's rows per second on an equal and a changed Parquet (or ORC) table"
                    + " against a plain count() of both sides.")
    static final class Spark implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cores", defaultValue = "2", description = "local[N] and in-process threads (default ${DEFAULT-VALUE})")
        int cores;

        @Option(names = "--files", defaultValue = "64", description = "files of the copy job; 0: no copy (default ${DEFAULT-VALUE})")
        int files;

        @Option(names = "--file-size", defaultValue = "8MB", description = "size of each file (default ${DEFAULT-VALUE})")
        String fileSize;

        @Option(names = "--rows", defaultValue = "5000000", description = "rows of the compared table; 0: no row reconcile (default ${DEFAULT-VALUE})")
        long rows;

        @Option(names = "--partitions", defaultValue = "20", description = "its partitions (default ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--row-format", defaultValue = "parquet",
                description = "format of the compared table, parquet or orc: each round compares it through the file digest and through Spark SQL alone (default ${DEFAULT-VALUE})")
        RowFormat rowFormat;

        @Option(names = "--with-timestamp",
                description = "give the compared table a fifth column, a timestamp with microseconds")
        boolean withTimestamp;

        @Option(names = "--rounds", defaultValue = "3", description = "measured rounds (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--warm-up-rounds", defaultValue = "3",
                description = "copy rounds of both executors before the measured ones, not counted (default ${DEFAULT-VALUE})")
        int warmUpRounds;

        @Option(names = "--dir", description = "work directory (default: a temp directory)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? dir : Files.createTempDirectory("strait-bench-spark-");
            new SparkBenchmark(work, cores, spec.commandLine().getOut()).run(files, DataSize.parse(fileSize).bytes(),
                    new SparkBenchmark.Rounds(warmUpRounds, rounds),
                    new SparkBenchmark.RowTable(rows, partitions, rowFormat, withTimestamp));
            return 0;
        }
    }
}
