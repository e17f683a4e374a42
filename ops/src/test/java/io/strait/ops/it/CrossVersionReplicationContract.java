package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionId;
import io.strait.embedded.MetastoreLine;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication from a metastore of one line to a metastore of another (or the same) line, on real components: the
 * listener jar in region A's metastore process, a real MariaDB state store, Strait's runtime, region B's metastore
 * process. Region A is written only through Thrift methods both lines serve: a table with partitions added in one
 * batch, an insert, a partition parameter changed, a partition dropped, a partition renamed, the database moved;
 * tables truncated; a table renamed. Each ends with reconcile at bytes depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrossVersionReplicationContract {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final List<String> DAYS = List.of("2026-01-01", "2026-01-02", "2026-01-03");

    private TwoRegionPipeline pipeline;
    private StraitRuntime strait;
    private SourceWriter writer;
    private ThriftMetastoreGateway regionB;

    abstract MetastoreLine sourceLine();

    abstract MetastoreLine targetLine();

    @BeforeAll
    void startRegionsAndStrait(@TempDir Path work) throws Exception {
        pipeline = new TwoRegionPipeline(work, "sales.*", sourceLine(), targetLine());
        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
        strait = StraitRuntime.open(config, "strait-it-" + System.nanoTime(), Clock.systemUTC());
        strait.start();
        writer = new SourceWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot(),
                TABLE.database(), TABLE.table());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
    }

    @AfterAll
    void stop() {
        Closing.closeAll(regionB, writer, strait, pipeline);
    }

    @Test
    void aWritersChangesReachTheOtherLineAndReconcileFindsTheBytesConsistent() throws Exception {
        writer.createTableWithPartitions(DAYS);
        // "not yet" is an assertion that fails (retried); any exception is a real failure and shows its cause
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(regionB.getTable(TABLE)).as("replica table created").isPresent();
            assertThat(regionB.listPartitions(TABLE)).hasSize(3);
        });
        String before = replica(DAYS.get(1)).orElseThrow().location();

        writer.insertFile(DAYS.get(1), 4_321);
        writer.alterPartitionParameter(DAYS.get(0), "quality", "checked");
        writer.dropPartition(DAYS.get(2));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(replica(DAYS.get(1))).hasValueSatisfying(replica ->
                    assertThat(replica.location()).isNotEqualTo(before));
            assertThat(replica(DAYS.get(0))).hasValueSatisfying(replica ->
                    assertThat(replica.parameters()).containsEntry("quality", "checked")
                            .containsEntry(StraitParameters.SOURCE_REGION, "a"));
            assertThat(replica(DAYS.get(2))).isEmpty();
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        writer.renamePartition(DAYS.get(1), "2024-02-01");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(replica("2024-02-01")).as("the renamed partition under its new value").isPresent();
            assertThat(replica(DAYS.get(1))).as("nor under its old one").isEmpty();
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        writer.moveDatabase("sales_moved.db", "moved", "yes");
        await().atMost(WAIT).untilAsserted(() -> assertThat(regionB.getDatabase(TABLE.database())).hasValueSatisfying(
                database -> assertThat(Locations.canonical(database.location())).as("the replica database moves too")
                        .isEqualTo(pipeline.regionB.externalRootUri() + "/sales_moved.db")));
        await().atMost(WAIT).until(() -> strait.isDrained());

        CliCapture.Result jobs = CliCapture.run("jobs", "--config", pipeline.configFile.toString(), "--limit", "100");
        assertThat(jobs.out()).contains("SYNC_PARTITION", "DROP_PARTITION", "SUCCEEDED").doesNotContain("FAILED");
        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--depth", "bytes", TABLE.toString());
        assertThat(reconcile.exitCode()).as(reconcile.out()).isZero();
        assertThat(reconcile.out()).contains("CONSISTENT").doesNotContain("DIVERGENT");
    }

    @Test
    void aTruncateInTheSourceEmptiesTheReplicaAsANewVersion() throws Exception {
        TableRef events = TableRef.of("sales", "events");
        TableRef daily = TableRef.of("sales", "daily");
        writer.createDatabaseOnce();
        writer.createManagedTable(events.table(), List.of());
        writer.createManagedTable(daily.table(), DAYS.subList(0, 2));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(regionB.getTable(events)).isPresent();
            assertThat(regionB.getTable(daily)).isPresent();
            assertThat(regionB.listPartitions(daily)).hasSize(2);
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        String eventsBefore = regionB.getTable(events).orElseThrow().location();
        assertThat(ReplicaFiles.under(eventsBefore)).hasSize(2);
        String dailyBefore = regionB.getPartition(PartitionRef.of(daily, List.of(DAYS.get(0)))).orElseThrow()
                .location();

        writer.truncate(events.table());
        writer.truncate(daily.table());

        await().atMost(WAIT).untilAsserted(() -> {
            String eventsAfter = regionB.getTable(events).orElseThrow().location();
            assertThat(eventsAfter).isNotEqualTo(eventsBefore);
            assertThat(ReplicaFiles.under(eventsAfter)).isEmpty();
            for (PartitionSnapshot partition : regionB.listPartitions(daily)) {
                assertThat(partition.location()).isNotEqualTo(dailyBefore);
                assertThat(ReplicaFiles.under(partition.location())).isEmpty();
            }
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        assertThat(ReplicaFiles.under(eventsBefore)).as("the replaced version is kept whole for housekeeping")
                .hasSize(2);
        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--depth", "bytes", events.toString(), daily.toString());
        assertThat(reconcile.exitCode()).as(reconcile.out()).isZero();
        assertThat(reconcile.out()).contains("CONSISTENT").doesNotContain("DIVERGENT");
    }

    @Test
    void aRenamedTableEndsRenamedWithEveryPartitionAndTheOldNameGone() throws Exception {
        TableRef before = TableRef.of("sales", "visits");
        TableRef after = TableRef.of("sales", "visits_by_day");
        writer.createDatabaseOnce();
        writer.createManagedTable(before.table(), DAYS);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(regionB.getTable(before)).isPresent();
            assertThat(regionB.listPartitions(before)).hasSize(DAYS.size());
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        Map<List<String>, String> versionsBefore = new HashMap<>();
        regionB.listPartitions(before).forEach(partition -> versionsBefore.put(partition.ref().values(),
                partition.location()));

        writer.rename(before.table(), after.table());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(regionB.getTable(before)).isEmpty();
            assertThat(regionB.getTable(after)).isPresent();
            assertThat(regionB.listPartitions(after)).hasSize(DAYS.size());
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        for (PartitionSnapshot partition : regionB.listPartitions(after)) {
            assertThat(ReplicaFiles.under(partition.location())).hasSize(2);
            // renamed in place: the version folder written before the rename, no new one (nothing copied again); a
            // Hive Metastore 4 moves the folders of a table translated to external with the table (one rename)
            assertThat(versionFolderOf(partition.location())).as(partition.location())
                    .isEqualTo(versionFolderOf(versionsBefore.get(partition.ref().values())));
        }
        CliCapture.Result jobs = CliCapture.run("jobs", "--config", pipeline.configFile.toString(), "--limit", "100");
        assertThat(jobs.out()).contains("RENAME_TABLE");
        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--depth", "bytes", after.toString());
        assertThat(reconcile.exitCode()).as(reconcile.out()).isZero();
        assertThat(reconcile.out()).contains("CONSISTENT").doesNotContain("DIVERGENT");
    }

    private static String versionFolderOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Optional<PartitionSnapshot> replica(String day) {
        return regionB.getPartition(PartitionRef.of(TABLE, List.of(day)));
    }
}
