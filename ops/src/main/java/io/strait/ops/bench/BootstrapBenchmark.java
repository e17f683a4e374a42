package io.strait.ops.bench;

import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.EmbeddedStateStore;
import io.strait.ops.cli.StraitCli;
import io.strait.common.job.JobKind;
import io.strait.common.region.RegionId;
import io.strait.ops.demo.ListenerPlugin;
import io.strait.ops.demo.TwoRegionYaml;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.DropPartitionsRequest;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.RequestPartsSpec;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.thrift.protocol.TBinaryProtocol;

/**
 * Bootstrap throughput: an existing partitioned table (written to region A's metastore and warehouse before any
 * listener) replicated in full by {@code strait bootstrap} — scan, plan, sharded verified copies through the job
 * machinery, metastore commits and the consistency scan after it — against {@code cp -r} of the same table folder on
 * the same disk, in the same run. Everything runs on embedded services: the embedded MariaDB and two Hive Metastore
 * processes.
 */
public final class BootstrapBenchmark {
    private static final String DATABASE = "bench";
    private static final String TABLE = "events";
    private static final String WARM_UP_DATABASE = "bench_warm_up";

    private final Path workDirectory;
    private final int partitions;
    private final int filesPerPartition;
    private final long fileBytes;
    private final Map<String, String> schedulerSettings;
    private final boolean dropAll;
    private final int warmUpPartitions;

    public BootstrapBenchmark(Path workDirectory, int partitions, int filesPerPartition, long fileBytes) {
        this(workDirectory, partitions, filesPerPartition, fileBytes, Map.of());
    }

    /** {@code schedulerSettings}: further settings of the configuration's {@code scheduler:} section. */
    public BootstrapBenchmark(Path workDirectory, int partitions, int filesPerPartition, long fileBytes,
            Map<String, String> schedulerSettings) {
        this(workDirectory, partitions, filesPerPartition, fileBytes, schedulerSettings, false);
    }

    /**
     * {@code dropAll}: after the bootstrap, every partition is dropped in region A (data kept) and the drop burst
     * (one DROP_PARTITION job per partition, planned from the captured events) is replicated by
     * {@code strait run --until-drained}, timed.
     */
    public BootstrapBenchmark(Path workDirectory, int partitions, int filesPerPartition, long fileBytes,
            Map<String, String> schedulerSettings, boolean dropAll) {
        this(workDirectory, partitions, filesPerPartition, fileBytes, schedulerSettings, dropAll, 0);
    }

    /**
     * {@code warmUpPartitions}: before the timed bootstrap, the same process bootstraps another table of that many
     * partitions (database {@code bench_warm_up}, untimed), so that the timed one runs on compiled code as a
     * long-running {@code strait run} does; 0 for none.
     */
    public BootstrapBenchmark(Path workDirectory, int partitions, int filesPerPartition, long fileBytes,
            Map<String, String> schedulerSettings, boolean dropAll, int warmUpPartitions) {
        this.warmUpPartitions = warmUpPartitions;
        this.dropAll = dropAll;
        this.schedulerSettings = Map.copyOf(schedulerSettings);
        this.workDirectory = workDirectory;
        this.partitions = partitions;
        this.filesPerPartition = filesPerPartition;
        this.fileBytes = fileBytes;
    }

    /**
     * What one run measured; {@code drops} (null unless asked) the drop burst's replication, {@code dropsExit} the
     * exit of its {@code strait run --until-drained}, and {@code targetPartitionsLeft} what the target kept.
     */
    public record Result(long bytes, int files, List<CopyBenchmark.Measurement> copies,
            CopyBenchmark.Measurement bootstrap, int bootstrapExit, String bootstrapOutput,
            CopyBenchmark.Measurement drops, int dropsExit, int targetPartitionsLeft, BurstFigures bootstrapJobs,
            BurstFigures dropJobs) {
    }

    public Result run() throws Exception {
        try (EmbeddedStateStore store = EmbeddedStateStore.start(workDirectory.resolve("store"), "strait_bench")) {
            List<EmbeddedRegion> regions = EmbeddedRegion.startAll(List.of(
                    EmbeddedRegion.builder("a", workDirectory.resolve("region-a")),
                    EmbeddedRegion.builder("b", workDirectory.resolve("region-b"))));
            try (EmbeddedRegion source = regions.get(0); EmbeddedRegion target = regions.get(1)) {
                Path tableDirectory = writeTable(source, DATABASE, partitions);
                if (warmUpPartitions > 0) {
                    writeTable(source, WARM_UP_DATABASE, warmUpPartitions);
                }
                Path config = workDirectory.resolve("strait.yaml");
                Files.writeString(config, new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(), source,
                        target, "*.*", Duration.ofMillis(200), schedulerSettings).render());
                long bytes = (long) partitions * filesPerPartition * fileBytes;
                CopyBenchmark copier = new CopyBenchmark(workDirectory, 0, 0, 1);
                List<CopyBenchmark.Measurement> copies = new ArrayList<>();
                copier.copyWithCp(tableDirectory, -1, bytes);
                copies.add(copier.copyWithCp(tableDirectory, 0, bytes));
                StringWriter output = new StringWriter();
                long started;
                int exit;
                try (PrintWriter out = new PrintWriter(output)) {
                    // the schema first, as an operator would (bootstrap itself never changes it)
                    exit = StraitCli.run(out, out, "migrate", "--config", config.toString());
                    if (exit == 0 && warmUpPartitions > 0) {
                        // untimed: the process compiles its hot paths, as a long-running strait run has
                        exit = StraitCli.run(out, out, "bootstrap", "--config", config.toString(),
                                "--scheduler-name", "strait-bench-warm-up-" + System.nanoTime(),
                                "--progress-interval", "3600", WARM_UP_DATABASE);
                    }
                    started = System.nanoTime();
                    if (exit == 0) {
                        exit = StraitCli.run(out, out, "bootstrap", "--config", config.toString(), "--scheduler-name",
                                "strait-bench-" + System.nanoTime(), "--progress-interval", "3600", DATABASE);
                    }
                }
                CopyBenchmark.Measurement bootstrap = new CopyBenchmark.Measurement("strait bootstrap (verified,"
                        + " metastore commits, scans)", System.nanoTime() - started, bytes);
                copies.add(copier.copyWithCp(tableDirectory, 1, bytes));
                BurstFigures bootstrapJobs = exit == 0 ? BurstFigures.of(jobTimes(store, "<>"), false) : null;
                BurstFigures dropJobs = null;
                CopyBenchmark.Measurement drops = null;
                int dropsExit = 0;
                if (dropAll && exit == 0) {
                    // region A's metastore restarted with Strait's listener (as the demo installs it), so that the
                    // drops are captured as events
                    source.close();
                    try (EmbeddedRegion withListener = EmbeddedRegion.builder("a", workDirectory.resolve("region-a"))
                            .extraClasspath(ListenerPlugin.classpath()).configuration(ListenerPlugin.settings(
                                    RegionId.of("a"), store.jdbcUrl(), store.user(), store.password(),
                                    workDirectory.resolve("region-a").resolve("spool"))).start()) {
                        Files.writeString(config, new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(),
                                withListener, target, "*.*", Duration.ofMillis(200), schedulerSettings)
                                .render());
                        dropAllPartitions(withListener);
                        awaitDropEvents(store);
                        long dropsStarted = System.nanoTime();
                        try (PrintWriter out = new PrintWriter(output)) {
                            dropsExit = StraitCli.run(out, out, "run", "--config", config.toString(),
                                    "--until-drained", "--no-migrate");
                        }
                        drops = new CopyBenchmark.Measurement("strait run --until-drained (the drop burst)",
                                System.nanoTime() - dropsStarted, 0);
                        dropJobs = BurstFigures.of(jobTimes(store, "="), true);
                    }
                }
                return new Result(bytes, partitions * filesPerPartition, copies, bootstrap, exit,
                        output.toString(), drops, dropsExit, dropAll ? partitionsOf(target) : -1, bootstrapJobs,
                        dropJobs);
            }
        }
    }

    /**
     * The table {@code database.events}, its {@code partitionCount} partitions and their files in region A, through
     * its metastore's Thrift API.
     */
    private Path writeTable(EmbeddedRegion source, String database, int partitionCount) throws Exception {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, source.metastoreUri());
        Path tableDirectory = source.externalRoot().resolve(database + ".db").resolve(TABLE);
        try (IMetaStoreClient client = new HiveMetaStoreClient(conf)) {
            client.createDatabase(new Database(database, "bootstrap benchmark",
                    source.externalRoot().resolve(database + ".db").toUri().toString(), new HashMap<>()));
            Table table = new Table();
            table.setDbName(database);
            table.setTableName(TABLE);
            table.setTableType("EXTERNAL_TABLE");
            table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE")));
            table.setPartitionKeys(List.of(new FieldSchema("ds", "string", "")));
            StorageDescriptor storage = new StorageDescriptor();
            storage.setCols(List.of(new FieldSchema("line", "string", "")));
            storage.setLocation(tableDirectory.toUri().toString());
            storage.setInputFormat("org.apache.hadoop.mapred.TextInputFormat");
            storage.setOutputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
            storage.setSerdeInfo(new SerDeInfo("text", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                    new HashMap<>()));
            storage.setParameters(new HashMap<>());
            table.setSd(storage);
            client.createTable(table);
            Random random = new Random(7);
            byte[] block = new byte[1 << 20];
            List<Partition> batch = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                String day = "2025-" + String.format("%05d", p);
                Path directory = Files.createDirectories(tableDirectory.resolve("ds=" + day));
                for (int f = 0; f < filesPerPartition; f++) {
                    writeFile(directory.resolve(String.format("part-%05d", f)), random, block);
                }
                StorageDescriptor partitionStorage = storage.deepCopy();
                partitionStorage.setLocation(directory.toUri().toString());
                batch.add(new Partition(List.of(day), database, TABLE, 0, 0, partitionStorage, new HashMap<>()));
                if (batch.size() == 100 || p == partitionCount - 1) {
                    client.add_partitions(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        return tableDirectory;
    }

    /**
     * Drops every partition of the table in region A, 100 at a time, data kept: what a retention job does. The
     * listener records the drops; their jobs are planned when replication runs.
     */
    private void dropAllPartitions(EmbeddedRegion source) throws Exception {
        try (HiveMetaStoreClient client = client(source)) {
            List<String> names = client.listPartitionNames(DATABASE, TABLE, (short) -1);
            ThriftHiveMetastore.Client thrift = new ThriftHiveMetastore.Client(new TBinaryProtocol(
                    client.getTTransport()));
            for (int from = 0; from < names.size(); from += 100) {
                DropPartitionsRequest request = new DropPartitionsRequest(DATABASE, TABLE, RequestPartsSpec.names(
                        new ArrayList<>(names.subList(from, Math.min(names.size(), from + 100)))));
                request.setDeleteData(false);
                request.setNeedResult(false);
                thrift.drop_partitions_req(request);
            }
        }
    }

    /**
     * Waits until the listener's drop events are in the state store (it ships them from its journal), none more
     * arriving for a second, so that the timed run starts with the burst recorded.
     */
    private static void awaitDropEvents(EmbeddedStateStore store) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long seen = -1;
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(store.jdbcUrl(), store.user(),
                store.password())) {
            while (System.nanoTime() < deadline) {
                long now;
                try (java.sql.Statement statement = connection.createStatement();
                        java.sql.ResultSet rows = statement.executeQuery(
                                "SELECT COUNT(*) FROM hms_event WHERE event_type = 'DROP_PARTITION'")) {
                    rows.next();
                    now = rows.getLong(1);
                }
                if (now > 0 && now == seen) {
                    return;
                }
                seen = now;
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException("the drop events did not reach the state store within 2 minutes");
    }

    /**
     * The times of the jobs in the state store whose kind is ({@code "="}) or is not ({@code "<>"})
     * {@code DROP_PARTITION}: the drop burst, or everything the bootstrap ran.
     */
    private static List<BurstFigures.JobTimes> jobTimes(EmbeddedStateStore store, String dropKind) throws Exception {
        List<BurstFigures.JobTimes> jobs = new ArrayList<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(store.jdbcUrl(), store.user(),
                store.password());
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT kind, created_at_ms, source_captured_at_ms,"
                        + " committed_at_ms, updated_at_ms FROM replication_job WHERE db_name = '" + DATABASE + "' AND kind "
                        + dropKind + " 'DROP_PARTITION'")) {
            while (rows.next()) {
                jobs.add(new BurstFigures.JobTimes(JobKind.valueOf(rows.getString(1)), rows.getLong(2),
                        rows.getLong(3), rows.getLong(4), rows.getLong(5)));
            }
        }
        return jobs;
    }

    private int partitionsOf(EmbeddedRegion region) throws Exception {
        try (HiveMetaStoreClient client = client(region)) {
            return client.listPartitionNames(DATABASE, TABLE, (short) -1).size();
        }
    }

    private static HiveMetaStoreClient client(EmbeddedRegion region) throws Exception {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, region.metastoreUri());
        return new HiveMetaStoreClient(conf);
    }

    private void writeFile(Path file, Random random, byte[] block) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < fileBytes; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, fileBytes - written));
            }
        }
    }
}
