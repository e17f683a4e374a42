package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.ops.cli.StraitCli;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.job.JdbcJobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.CreationMetadata;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects Strait cannot replicate faithfully, on real components: two Hive Metastore processes (Strait's listener
 * in region A), the MariaDB state store and {@code strait run --until-drained}. Region A holds, created through its
 * Thrift API, an insert-only ACID table with two partitions, a materialized view and a plain external table, all
 * selected by the link. The ACID table's and the view's jobs end BLOCKED with the reason and the fix, nothing of
 * them reaches region B, the plain table replicates, and the batch run drains and exits 0.
 */
class UnreplicableObjectsIT {
    private static final String DATABASE = "sales";
    private static final TableRef ACID = TableRef.of(DATABASE, "acid_orders");
    private static final TableRef VIEW = TableRef.of(DATABASE, "orders_mv");
    private static final TableRef PLAIN = TableRef.of(DATABASE, "customers");
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String TEXT_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static CliResult run;

    @BeforeAll
    static void createObjectsInRegionAAndRunUntilDrained() throws Exception {
        pipeline = new TwoRegionPipeline(work, DATABASE + ".*");
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, pipeline.regionA.metastoreUri());
        IMetaStoreClient regionA = new HiveMetaStoreClient(conf);
        // HMS 4 refuses to create ACID tables for a client that declares no capabilities ("Processor has no
        // capabilities, cannot create an ACID table"). The setting is static: it is cleared before Strait runs.
        HiveMetaStoreClient.setProcessorCapabilities(new String[] {"HIVEFULLACIDWRITE", "HIVEMANAGEDINSERTWRITE",
                "HIVEMQT"});
        try {
            Path external = pipeline.regionA.externalRoot();
            regionA.createDatabase(new Database(DATABASE, "", external.resolve(DATABASE + ".db").toUri().toString(),
                    new HashMap<>()));
            createInsertOnlyAcidTableWithTwoPartitions(regionA);
            createMaterializedView(regionA);
            Path plainDirectory = external.resolve(DATABASE + ".db").resolve(PLAIN.table());
            Files.createDirectories(plainDirectory);
            Files.writeString(plainDirectory.resolve("part-00000.txt"), "1\tada\n2\tgrace\n");
            regionA.createTable(table(PLAIN, "EXTERNAL_TABLE", plainDirectory.toUri().toString(), List.of(),
                    Map.of("EXTERNAL", "TRUE")));
        } finally {
            HiveMetaStoreClient.setProcessorCapabilities(null);
            regionA.close();
        }
        run = cli("run", "--config", pipeline.configFile.toString(), "--until-drained",
                "--scheduler-name", "strait-unreplicable-" + System.nanoTime(), "--timeout", "120");
    }

    /**
     * Insert-only ACID: HMS accepts it with any storage format. A full ACID table is refused by the standalone
     * metastore ("The table must be stored using an ACID compliant format (such as ORC)": ORC's Hive classes are
     * not on its classpath); the decider treats both alike ({@code transactional=true}), and ReplicabilityTest
     * covers full ACID.
     */
    private static void createInsertOnlyAcidTableWithTwoPartitions(IMetaStoreClient regionA) throws Exception {
        regionA.createTable(table(ACID, "MANAGED_TABLE", null, List.of(new FieldSchema("ds", "string", "")),
                Map.of("transactional", "true", "transactional_properties", "insert_only")));
        Table created = regionA.getTable(DATABASE, ACID.table());
        assertThat(created.getParameters()).as("region A keeps the table ACID")
                .containsEntry("transactional", "true");
        for (String day : List.of("2026-01-01", "2026-01-02")) {
            Path directory = Path.of(java.net.URI.create(created.getSd().getLocation())).resolve("ds=" + day)
                    .resolve("delta_0000001_0000001_0000");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("000000_0"), "1\n");
            StorageDescriptor sd = created.getSd().deepCopy();
            sd.setLocation(directory.getParent().toUri().toString());
            regionA.add_partition(new Partition(List.of(day), DATABASE, ACID.table(), 0, 0, sd, new HashMap<>()));
        }
    }

    private static void createMaterializedView(IMetaStoreClient regionA) throws Exception {
        Table view = table(VIEW, "MATERIALIZED_VIEW", null, List.of(), Map.of());
        view.setViewOriginalText("select id from sales.customers");
        view.setViewExpandedText("select `customers`.`id` from `sales`.`customers`");
        view.setRewriteEnabled(false);
        CreationMetadata creation = new CreationMetadata("hive", DATABASE, VIEW.table(),
                new HashSet<>(List.of(PLAIN.toString())));
        creation.setSourceTables(List.of());
        view.setCreationMetadata(creation);
        regionA.createTable(view);
        assertThat(regionA.getTable(DATABASE, VIEW.table()).getTableType()).isEqualTo("MATERIALIZED_VIEW");
    }

    private static Table table(TableRef ref, String type, String location, List<FieldSchema> partitionKeys,
            Map<String, String> parameters) {
        Table t = new Table();
        t.setDbName(ref.database());
        t.setTableName(ref.table());
        t.setOwner("writer");
        t.setTableType(type);
        t.setParameters(new HashMap<>(parameters));
        t.setPartitionKeys(partitionKeys);
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(List.of(new FieldSchema("id", "bigint", ""), new FieldSchema("name", "string", "")));
        sd.setLocation(location);
        sd.setInputFormat(TEXT_INPUT);
        sd.setOutputFormat(TEXT_OUTPUT);
        sd.setSerdeInfo(new SerDeInfo("text", TEXT_SERDE, new HashMap<>()));
        sd.setParameters(new HashMap<>());
        t.setSd(sd);
        return t;
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theBatchRunDrainsExitsZeroAndListsEachBlockedTableOnceWithItsReason() {
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("0 failed job(s) unresolved (retry, cancel, or replicate the object again);"
                + " 2 table(s) blocked");
        List<String> blockedLines = run.output().lines().filter(line -> line.contains("BLOCKED")).toList();
        assertThat(blockedLines).as(run.output()).hasSize(2);
        assertThat(blockedLines.get(0)).startsWith("  BLOCKED sales.acid_orders (link a-to-b, 3 job(s)): Cannot"
                + " replicate sales.acid_orders: it is an insert-only ACID (transactional) table")
                .endsWith("Exclude it from link a-to-b: add \"sales.acid_orders\" to the link's exclude list"
                        + " (links[].exclude).");
        assertThat(blockedLines.get(1)).startsWith("  BLOCKED sales.orders_mv (link a-to-b, 1 job(s)): Cannot"
                + " replicate sales.orders_mv: it is a materialized view");
    }

    @Test
    void theAcidTableAndTheViewEndBlockedAndNothingOfThemReachesRegionBWhileThePlainTableReplicates()
            throws Exception {
        JdbcJobStore jobs = new JdbcJobStore(pipeline.store.dataSource(), Clock.systemUTC());
        List<ReplicationJob> all = jobs.recent("a-to-b", Optional.empty(), 100);

        assertThat(all).filteredOn(job -> job.object().table().equals(ACID.table())).hasSize(3)
                .allSatisfy(job -> {
                    assertThat(job.state()).isEqualTo(JobState.BLOCKED);
                    assertThat(job.lastError()).contains("insert-only ACID", "links[].exclude");
                    assertThat(jobs.history(job.id())).extracting(JobTransition::to)
                            .containsExactly(JobState.PENDING, JobState.PLANNED, JobState.BLOCKED);
                    assertThat(jobs.fileResults(job.id())).isEmpty();
                });
        assertThat(all).filteredOn(job -> job.object().table().equals(VIEW.table())).singleElement()
                .satisfies(job -> {
                    assertThat(job.state()).isEqualTo(JobState.BLOCKED);
                    assertThat(job.lastError()).contains("materialized view");
                });
        assertThat(all).filteredOn(job -> job.object().table().equals(PLAIN.table())).singleElement()
                .extracting(ReplicationJob::state).isEqualTo(JobState.SUCCEEDED);
        assertThat(all).extracting(ReplicationJob::state).doesNotContain(JobState.FAILED, JobState.UNVERIFIABLE);
        try (ThriftMetastoreGateway regionB = ThriftMetastoreGateway.connect(RegionId.of("b"),
                pipeline.regionB.metastoreUri())) {
            assertThat(regionB.getTable(ACID)).isEmpty();
            assertThat(regionB.getTable(VIEW)).isEmpty();
            assertThat(regionB.getTable(PLAIN)).isPresent();
        }
        try (Stream<Path> files = Files.walk(pipeline.regionB.workDirectory().resolve("warehouse"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(path -> path.contains(ACID.table()) || path.contains(VIEW.table()))
                    .anyMatch(path -> path.contains(PLAIN.table()) && path.endsWith("part-00000.txt"));
        }
    }

    @Test
    void theReportCountsBlockedJobsApartOneLinePerTableAndExitsZero() {
        CliResult report = cli("report", "--config", pipeline.configFile.toString());

        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(report.output()).contains("blocked:     4 job(s) on 2 table(s)",
                "    sales.acid_orders: Cannot replicate sales.acid_orders: it is an insert-only ACID",
                "    sales.orders_mv: Cannot replicate sales.orders_mv: it is a materialized view");
        CliResult blocked = cli("jobs", "--config", pipeline.configFile.toString(), "--state", "BLOCKED");
        assertThat(blocked.exitCode()).as(blocked.output()).isZero();
        assertThat(blocked.output().lines().filter(line -> line.contains("BLOCKED"))).hasSize(4);
    }

    private record CliResult(int exitCode, String output) {
    }

    private static CliResult cli(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = StraitCli.run(args);
            return new CliResult(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }
}
