package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.StraitConfigLoader;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.job.JdbcJobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SkewedInfo;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait reconcile --repair} and the scheduled reconcile on real components (two metastore processes, the
 * listener in region A, MariaDB, Quartz): each test replicates some tables, changes region B behind Strait's back,
 * repairs through the CLI (the jobs are taken by the {@code strait run} running in this JVM), and asserts that a scan
 * after it finds nothing, that region A is untouched and that removed data sits in the quarantine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepairIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DB = "repair";
    private static final String LINK = "a-to-b";
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static StraitRuntime strait;
    private static String schedulerName;
    private static LakeWriter regionAWriter;
    private static IMetaStoreClient targetClient;
    private static ThriftMetastoreGateway regionA;
    private static ThriftMetastoreGateway regionB;
    private static JdbcJobStore jobs;

    @BeforeAll
    static void startRegionsAndStrait() throws Exception {
        pipeline = new TwoRegionPipeline(work, "repair*.*");
        String yaml = Files.readString(pipeline.configFile);
        Files.writeString(pipeline.configFile, yaml.replace("    include: [\"repair*.*\"]\n", """
                    include: ["repair*.*"]
                    reconcile:
                      interval: 1h
                      depth: bytes
                      scope: ["repair.scheduled_*"]
                      recent-interval: 2s
                      recent-window: 2d
                      repair: [MISSING_PARTITION, MISSING_FILE, DIFFERENT_FILE]
                """));
        schedulerName = "strait-repair-" + System.nanoTime();
        strait = StraitRuntime.open(new StraitConfigLoader().load(pipeline.configFile), schedulerName,
                Clock.systemUTC());
        strait.start();
        regionAWriter = new LakeWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot());
        targetClient = new LakeWriter(pipeline.regionB.metastoreUri(), pipeline.regionB.externalRoot()).client();
        regionA = ThriftMetastoreGateway.connect(RegionId.of("a"), pipeline.regionA.metastoreUri());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        jobs = new JdbcJobStore(strait.stateStore().dataSource(), Clock.systemUTC());
        regionAWriter.createDatabase(DB);
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionA, regionB, () -> targetClient.close(), regionAWriter, strait, pipeline);
    }

    @Test
    @Order(1)
    void metadataThatDriftedInRegionBIsReplicatedAgain() throws Exception {
        for (String table : List.of("meta_schema", "meta_storage", "meta_bucket", "meta_skew", "meta_owner",
                "meta_param", "meta_stats", "meta_type")) {
            regionAWriter.createUnpartitionedTable(DB, table);
        }
        regionAWriter.createView(DB, "meta_view", "meta_param");
        regionAWriter.createPartitionedTable(DB, "meta_parts", List.of("2024-02-01", "2024-02-02"));
        awaitReplicated(TableRef.of(DB, "meta_parts"), TableRef.of(DB, "meta_view"));

        alterTargetTable("meta_schema", table -> table.getSd().addToCols(new FieldSchema("extra", "string", "")));
        alterTargetTable("meta_storage", table -> table.getSd().getSerdeInfo().getParameters().put("field.delim", "|"));
        alterTargetTable("meta_bucket", table -> {
            table.getSd().setNumBuckets(8);
            table.getSd().setBucketCols(new ArrayList<>(List.of("id")));
        });
        alterTargetTable("meta_skew", table -> {
            table.getSd().setSkewedInfo(new SkewedInfo(new ArrayList<>(List.of("id")),
                    new ArrayList<>(List.of(List.of("1"))), new HashMap<>()));
        });
        alterTargetTable("meta_owner", table -> table.setOwner("mallory"));
        alterTargetTable("meta_param", table -> table.getParameters().put("note", "changed in b"));
        alterTargetTable("meta_stats", table -> table.getParameters().put("numRows", "99"));
        alterTargetTable("meta_type", table -> {
            table.setTableType("MANAGED_TABLE");
            table.getParameters().remove("EXTERNAL");
        });
        alterTargetTable("meta_view", table -> table.setViewExpandedText("select 1"));
        Partition partition = targetClient.getPartition(DB, "meta_parts", List.of("2024-02-01"));
        partition.getSd().addToCols(new FieldSchema("extra", "string", ""));
        targetClient.alter_partition(DB, "meta_parts", partition);
        Database database = targetClient.getDatabase(DB);
        database.getParameters().put("team", "someone-else");
        targetClient.alterDatabase(DB, database);
        SourceSnapshot before = SourceSnapshot.of(regionA, tables("meta_"));

        CliCapture.Result repair = repair("repair.meta_*");

        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(planLines(repair.out())).as(repair.out()).contains("SCHEMA_DRIFT", "STORAGE_DRIFT",
                "BUCKETING_DRIFT", "SKEW_DRIFT", "OWNER_DRIFT", "PARAMETER_DRIFT", "STATISTICS_DRIFT",
                "TABLE_TYPE_DRIFT", "VIEW_DRIFT", "DATABASE_DRIFT");
        assertThat(repair.out()).contains("repair: repaired 11 object(s)", "the scan after it is consistent");
        assertConsistent("repair.meta_*");
        assertThat(SourceSnapshot.of(regionA, tables("meta_"))).isEqualTo(before);
    }

    @Test
    @Order(2)
    void missingAndDifferentDataIsCopiedAgainEvenOnAReplicaOfTheNewestEvent() throws Exception {
        regionAWriter.createPartitionedTable(DB, "data_events", List.of("2024-03-01", "2024-03-02", "2024-03-03"));
        regionAWriter.createUnpartitionedTable(DB, "data_dim");
        awaitReplicated(TableRef.of(DB, "data_events"), TableRef.of(DB, "data_dim"));
        regionAWriter.insertFile(DB, "data_events", "2024-03-02", 777);
        PartitionRef newest = PartitionRef.of(TableRef.of(DB, "data_events"), List.of("2024-03-02"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(files(regionB.getPartition(newest).orElseThrow()
                .location())).hasSize(3));
        awaitDrained();

        targetClient.dropPartition(DB, "data_events", List.of("2024-03-01"), false);
        Path corrupted = files(regionB.getPartition(newest).orElseThrow().location()).get(0);
        byte[] bytes = Files.readAllBytes(corrupted);
        bytes[0] ^= 0x5a;
        Files.write(corrupted, bytes);
        Files.delete(files(regionB.getPartition(PartitionRef.of(TableRef.of(DB, "data_events"),
                List.of("2024-03-03"))).orElseThrow().location()).get(0));
        Files.writeString(Path.of(URI.create(regionB.getTable(TableRef.of(DB, "data_dim")).orElseThrow().location()))
                .resolve("stray-file.txt"), "not from region a\n");
        SourceSnapshot before = SourceSnapshot.of(regionA, tables("data_"));

        CliCapture.Result repair = repair("repair.data_*");

        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(planLines(repair.out())).as(repair.out()).contains("MISSING_PARTITION", "DIFFERENT_FILE",
                "MISSING_FILE", "EXTRA_FILE");
        assertThat(repair.out()).contains("repair: repaired 4 object(s)");
        assertThat(repair.err()).contains("objects 4/4");
        assertConsistent("repair.data_*");
        assertThat(SourceSnapshot.of(regionA, tables("data_"))).isEqualTo(before);
        ReplicationJob repairOfNewest = repairJobs().stream()
                .filter(job -> job.object().toString().equals(newest.toString())).findFirst().orElseThrow();
        assertThat(repairOfNewest.state()).as("a replica of the newest event is still rewritten")
                .isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    @Order(3)
    void extraObjectsAreDroppedOnlyWithAllowDeleteAndTheirDataGoesToTheQuarantine() throws Exception {
        regionAWriter.createPartitionedTable(DB, "extra_events", List.of("2024-04-01", "2024-04-02"));
        regionAWriter.createUnpartitionedTable(DB, "extra_dim");
        awaitReplicated(TableRef.of(DB, "extra_events"), TableRef.of(DB, "extra_dim"));
        Path extraPartition = copyReplicaPartition("extra_events", "2024-04-01", "2024-04-09");
        Path extraTable = copyReplicaTable("extra_dim", "extra_gone");
        SourceSnapshot before = SourceSnapshot.of(regionA, tables("extra_"));

        CliCapture.Result kept = repair("repair.extra_*");

        assertThat(kept.exitCode()).as(kept.all()).isEqualTo(1);
        assertThat(kept.out()).contains("EXTRA_PARTITION", "EXTRA_TABLE", "--allow-delete", "left 2 object(s)");
        assertThat(regionB.getTable(TableRef.of(DB, "extra_gone"))).isPresent();
        assertThat(Files.exists(extraPartition)).isTrue();

        CliCapture.Result dropped = repair("--allow-delete", "repair.extra_*");

        assertThat(dropped.exitCode()).as(dropped.all()).isZero();
        assertThat(dropped.out()).contains("DROP_PARTITION", "DROP_TABLE", "quarantined");
        assertThat(regionB.getTable(TableRef.of(DB, "extra_gone"))).isEmpty();
        assertThat(regionB.getPartition(PartitionRef.of(TableRef.of(DB, "extra_events"), List.of("2024-04-09"))))
                .isEmpty();
        assertThat(Files.exists(extraPartition)).isFalse();
        assertThat(Files.exists(extraTable)).isFalse();
        Path quarantine = pipeline.regionB.externalRoot().resolve(".strait-quarantine");
        try (Stream<Path> quarantined = Files.walk(quarantine)) {
            assertThat(quarantined.filter(Files::isRegularFile).map(path -> quarantine.relativize(path).toString()))
                    .anyMatch(path -> path.matches("job-\\d+/repair/extra_gone/part-.*"))
                    .anyMatch(path -> path.matches("job-\\d+/repair/extra_events/ds=2024-04-09/part-.*"));
        }
        assertConsistent("repair.extra_*");
        assertThat(SourceSnapshot.of(regionA, tables("extra_"))).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aTableWhosePartitionKeysDriftedIsRecreatedAndAMissingTableIsCopiedWhole() throws Exception {
        regionAWriter.createPartitionedTable(DB, "shape_keys", List.of("2024-05-01", "2024-05-02"));
        regionAWriter.createPartitionedTable(DB, "shape_gone", List.of("2024-05-01", "2024-05-02", "2024-05-03"));
        awaitReplicated(TableRef.of(DB, "shape_keys"), TableRef.of(DB, "shape_gone"));
        Table replica = targetClient.getTable(DB, "shape_keys");
        targetClient.dropTable(DB, "shape_keys", false, false);
        replica.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("day", "string", ""))));
        targetClient.createTable(replica);
        targetClient.dropTable(DB, "shape_gone", false, false);
        SourceSnapshot before = SourceSnapshot.of(regionA, tables("shape_"));

        CliCapture.Result repair = repair("repair.shape_*");

        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(planLines(repair.out())).contains("RECREATE_TABLE", "PARTITION_KEY_DRIFT", "COPY_TABLE",
                "MISSING_TABLE");
        assertThat(regionB.listPartitions(TableRef.of(DB, "shape_gone"))).hasSize(3);
        assertConsistent("repair.shape_*");
        assertThat(SourceSnapshot.of(regionA, tables("shape_"))).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aMissingDatabaseIsCreatedWithItsTables() throws Exception {
        regionAWriter.createDatabase("repair_gone");
        regionAWriter.createPartitionedTable("repair_gone", "events", List.of("2024-06-01"));
        awaitReplicated(TableRef.of("repair_gone", "events"));
        targetClient.dropTable("repair_gone", "events", false, false);
        targetClient.dropDatabase("repair_gone", false, false, false);

        CliCapture.Result repair = repair("repair_gone");

        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(planLines(repair.out())).contains("SYNC_DATABASE", "MISSING_DATABASE", "COPY_TABLE");
        assertThat(regionB.getDatabase("repair_gone")).isPresent();
        assertConsistent("repair_gone");
    }

    @Test
    @Order(6)
    void theScheduledReconcileRepairsAMissingRecentPartitionByItself() throws Exception {
        regionAWriter.createPartitionedTable(DB, "scheduled_events", List.of(TODAY));
        TableRef table = TableRef.of(DB, "scheduled_events");
        awaitReplicated(table);
        PartitionRef recent = PartitionRef.of(table, List.of(TODAY));

        targetClient.dropPartition(DB, "scheduled_events", List.of(TODAY), false);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(regionB.getPartition(recent)).isPresent());
        assertThat(repairJobs()).anySatisfy(job -> {
            assertThat(job.object().toString()).isEqualTo(recent.toString());
            assertThat(job.kind()).isEqualTo(JobKind.SYNC_PARTITION);
        });
        awaitDrained();
        assertConsistent("repair.scheduled_*");
    }

    @Test
    @Order(7)
    void aPartitionWithoutColumnsOfItsOwnIsConsistentAfterItsReplicaWasAlteredAndGivenItsTablesColumns()
            throws Exception {
        regionAWriter.createPartitionedTable(DB, "bare_events", List.of("2024-07-01"));
        Partition bare = regionAWriter.client().getPartition(DB, "bare_events", List.of("2024-07-01"));
        bare.setValues(new ArrayList<>(List.of("2024-07-02")));
        bare.getSd().setCols(new ArrayList<>());
        bare.getSd().setLocation(bare.getSd().getLocation().replace("2024-07-01", "2024-07-02"));
        Files.createDirectories(Path.of(URI.create(bare.getSd().getLocation())));
        Files.copy(files(regionAWriter.client().getPartition(DB, "bare_events", List.of("2024-07-01")).getSd()
                .getLocation()).get(0), Path.of(URI.create(bare.getSd().getLocation())).resolve("part-0.txt"));
        regionAWriter.client().add_partition(bare);
        PartitionRef ref = PartitionRef.of(TableRef.of(DB, "bare_events"), List.of("2024-07-02"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(regionB.getPartition(ref)).isPresent());
        awaitDrained();
        assertThat(targetClient.getPartition(DB, "bare_events", List.of("2024-07-02")).getSd().getCols()).isEmpty();

        Files.delete(files(regionB.getPartition(ref).orElseThrow().location()).get(0));
        CliCapture.Result repair = repair("repair.bare_*");

        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(planLines(repair.out())).contains("MISSING_FILE").doesNotContain("SCHEMA_DRIFT");
        assertThat(targetClient.getPartition(DB, "bare_events", List.of("2024-07-02")).getSd().getCols())
                .as("the metastore gave the altered replica its table's columns")
                .isEqualTo(targetClient.getTable(DB, "bare_events").getSd().getCols());
        assertThat(regionAWriter.client().getPartition(DB, "bare_events", List.of("2024-07-02")).getSd().getCols())
                .isEmpty();
        assertConsistent("repair.bare_*");
    }

    // ----- helpers

    private static CliCapture.Result repair(String... arguments) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--config", pipeline.configFile.toString(),
                "--repair", "--depth", "bytes", "--scheduler-name", schedulerName, "--timeout", "120"));
        args.addAll(List.of(arguments));
        return CliCapture.run(args.toArray(String[]::new));
    }

    private static void assertConsistent(String scope) {
        CliCapture.Result check = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(), "--depth",
                "bytes", scope);
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).doesNotContain("IN_FLIGHT").contains("CONSISTENT");
    }

    /** The lines of the plans printed (actions and objects left), where the classes are named. */
    private static String planLines(String out) {
        return String.join("\n", out.lines().filter(line -> line.startsWith("  ")).toList());
    }

    private static List<ReplicationJob> repairJobs() {
        return jobs.recent(LINK, Optional.empty(), 10_000).stream()
                .filter(job -> job.origin() == JobOrigin.REPAIR).toList();
    }

    private static List<TableRef> tables(String prefix) {
        return regionA.listTables(DB).stream().filter(table -> table.startsWith(prefix))
                .map(table -> TableRef.of(DB, table)).toList();
    }

    private interface TableChange {
        void apply(Table table);
    }

    private static void alterTargetTable(String name, TableChange change) throws Exception {
        Table table = targetClient.getTable(DB, name);
        change.apply(table);
        targetClient.alter_table(DB, name, table);
    }

    /** A partition in region B that region A lacks, as Strait would have left it: a copy of a replica partition. */
    private static Path copyReplicaPartition(String table, String fromDay, String toDay) throws Exception {
        Partition partition = targetClient.getPartition(DB, table, List.of(fromDay));
        Path location = pipeline.regionB.externalRoot().resolve(DB + ".db").resolve(table).resolve("ds=" + toDay);
        Files.createDirectories(location);
        Files.writeString(location.resolve("part-00000.txt"), "only in region b\n");
        partition.setValues(new ArrayList<>(List.of(toDay)));
        partition.getSd().setLocation(location.toUri().toString());
        targetClient.add_partition(partition);
        return location;
    }

    /** A table in region B that region A lacks, as Strait would have left it: a copy of a replica table. */
    private static Path copyReplicaTable(String table, String newName) throws Exception {
        Table replica = targetClient.getTable(DB, table);
        Path location = pipeline.regionB.externalRoot().resolve(DB + ".db").resolve(newName);
        Files.createDirectories(location);
        Files.writeString(location.resolve("part-00000.txt"), "only in region b\n");
        replica.setTableName(newName);
        replica.getSd().setLocation(location.toUri().toString());
        targetClient.createTable(replica);
        return location;
    }

    private static List<Path> files(String location) throws IOException {
        try (Stream<Path> paths = Files.walk(Path.of(URI.create(location)))) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void awaitReplicated(TableRef... tables) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            for (TableRef table : tables) {
                assertThat(regionB.getTable(table)).as(table.toString()).isPresent();
            }
        });
        awaitDrained();
    }

    private static void awaitDrained() {
        await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).until(() -> strait.isDrained());
    }
}
