package io.strait.ops.bench;

import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.EmbeddedStateStore;
import io.strait.ops.cli.StraitCli;
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
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;

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

    private final Path workDirectory;
    private final int partitions;
    private final int filesPerPartition;
    private final long fileBytes;
    private final Map<String, String> schedulerSettings;

    public BootstrapBenchmark(Path workDirectory, int partitions, int filesPerPartition, long fileBytes) {
        this(workDirectory, partitions, filesPerPartition, fileBytes, Map.of());
    }

    /** {@code schedulerSettings}: further settings of the configuration's {@code scheduler:} section. */
    public BootstrapBenchmark(Path workDirectory, int partitions, int filesPerPartition, long fileBytes,
            Map<String, String> schedulerSettings) {
        this.schedulerSettings = Map.copyOf(schedulerSettings);
        this.workDirectory = workDirectory;
        this.partitions = partitions;
        this.filesPerPartition = filesPerPartition;
        this.fileBytes = fileBytes;
    }

    /** What one run measured. */
    public record Result(long bytes, int files, List<CopyBenchmark.Measurement> copies,
            CopyBenchmark.Measurement bootstrap, int bootstrapExit, String bootstrapOutput) {
    }

    public Result run() throws Exception {
        try (EmbeddedStateStore store = EmbeddedStateStore.start(workDirectory.resolve("store"), "strait_bench")) {
            List<EmbeddedRegion> regions = EmbeddedRegion.startAll(List.of(
                    EmbeddedRegion.builder("a", workDirectory.resolve("region-a")),
                    EmbeddedRegion.builder("b", workDirectory.resolve("region-b"))));
            try (EmbeddedRegion source = regions.get(0); EmbeddedRegion target = regions.get(1)) {
                Path tableDirectory = writeTable(source);
                Path config = workDirectory.resolve("strait.yaml");
                Files.writeString(config, new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(), source,
                        target, DATABASE + ".*", Duration.ofMillis(200), schedulerSettings).render());
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
                    started = System.nanoTime();
                    if (exit == 0) {
                        exit = StraitCli.run(out, out, "bootstrap", "--config", config.toString(), "--scheduler-name",
                                "strait-bench-" + System.nanoTime(), "--progress-interval", "3600", DATABASE);
                    }
                }
                CopyBenchmark.Measurement bootstrap = new CopyBenchmark.Measurement("strait bootstrap (verified,"
                        + " metastore commits, scans)", System.nanoTime() - started, bytes);
                copies.add(copier.copyWithCp(tableDirectory, 1, bytes));
                return new Result(bytes, partitions * filesPerPartition, copies, bootstrap, exit,
                        output.toString());
            }
        }
    }

    /** The table, its partitions and their files in region A, through its metastore's Thrift API. */
    private Path writeTable(EmbeddedRegion source) throws Exception {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, source.metastoreUri());
        Path tableDirectory = source.externalRoot().resolve(DATABASE + ".db").resolve(TABLE);
        try (IMetaStoreClient client = new HiveMetaStoreClient(conf)) {
            client.createDatabase(new Database(DATABASE, "bootstrap benchmark",
                    source.externalRoot().resolve(DATABASE + ".db").toUri().toString(), new HashMap<>()));
            Table table = new Table();
            table.setDbName(DATABASE);
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
            for (int p = 0; p < partitions; p++) {
                String day = "2025-" + String.format("%05d", p);
                Path directory = Files.createDirectories(tableDirectory.resolve("ds=" + day));
                for (int f = 0; f < filesPerPartition; f++) {
                    writeFile(directory.resolve(String.format("part-%05d", f)), random, block);
                }
                StorageDescriptor partitionStorage = storage.deepCopy();
                partitionStorage.setLocation(directory.toUri().toString());
                batch.add(new Partition(List.of(day), DATABASE, TABLE, 0, 0, partitionStorage, new HashMap<>()));
                if (batch.size() == 100 || p == partitions - 1) {
                    client.add_partitions(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        return tableDirectory;
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
