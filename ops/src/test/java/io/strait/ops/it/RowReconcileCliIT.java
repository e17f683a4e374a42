package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.spark.SparkEngine;
import io.strait.spark.SparkSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait reconcile --depth rows} end to end on real metastores, after a real replication of a partitioned
 * Parquet table and an unpartitioned ORC table (no key, rows twice each) written by Spark: consistent replicas
 * report no divergence; a replica partition rewritten with one row changed (same row count), or with a row deleted,
 * is DIFFERENT_ROWS with the differing rows and their side.
 * The replicas are changed by the second test only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RowReconcileCliIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TableRef PARQUET = TableRef.of("lake", "orders_parquet");
    private static final TableRef ORC = TableRef.of("lake", "orders_orc");
    private static final List<String> DAYS = List.of("2026-03-01", "2026-03-02");
    private static final StructType SCHEMA = new StructType().add("customer", DataTypes.StringType)
            .add("amount", DataTypes.LongType);
    private static final StorageFormat ORC_FORMAT = new StorageFormat(
            "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
            "org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of());

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static ThriftMetastoreGateway regionA;
    private static ThriftMetastoreGateway regionB;
    private static Path changedDay;
    private static Path orcWithoutARow;

    private static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create("c" + (i % (count / 2)), (long) (i % (count / 2))));
        }
        return rows;
    }

    @BeforeAll
    static void replicateOnce() throws Exception {
        pipeline = new TwoRegionPipeline(work, "lake.*");
        regionA = ThriftMetastoreGateway.connect(RegionId.of("a"), pipeline.regionA.metastoreUri());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        Path lake = pipeline.regionA.externalRoot().resolve("lake.db");
        try (SparkEngine spark = SparkEngine.start(SparkSettings.local(2), "row-reconcile-it-writer")) {
            for (String day : DAYS) {
                write(spark, rows(2000), "parquet", lake.resolve("orders_parquet/ds=" + day));
            }
            write(spark, rows(3000), "orc", lake.resolve("orders_orc"));
            List<Row> changed = rows(2000);
            changed.set(5, RowFactory.create("c5", 555L));
            changedDay = write(spark, changed, "parquet", work.resolve("changed"));
            List<Row> deleted = rows(3000);
            deleted.remove(1500);
            orcWithoutARow = write(spark, deleted, "orc", work.resolve("deleted"));
        }
        regionA.createDatabase(new DatabaseSnapshot("lake", lake.toUri().toString(), "", Map.of(), Owner.NONE));
        List<ColumnSpec> columns = List.of(ColumnSpec.of("customer", "string"), ColumnSpec.of("amount", "bigint"));
        regionA.createTable(new TableSnapshot(PARQUET, TableSnapshot.EXTERNAL_TABLE,
                lake.resolve("orders_parquet").toUri().toString(), columns, List.of(ColumnSpec.of("ds", "string")),
                StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "writer"));
        for (String day : DAYS) {
            regionA.addPartition(new PartitionSnapshot(PartitionRef.of(PARQUET, List.of(day)),
                    lake.resolve("orders_parquet/ds=" + day).toUri().toString(), StorageFormat.PARQUET, Map.of()));
        }
        regionA.createTable(new TableSnapshot(ORC, TableSnapshot.EXTERNAL_TABLE,
                lake.resolve("orders_orc").toUri().toString(), columns, List.of(), ORC_FORMAT,
                Map.of("EXTERNAL", "TRUE"), "writer"));
        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
        try (StraitRuntime strait = StraitRuntime.open(config, "strait-rows-it-" + System.nanoTime(),
                Clock.systemUTC())) {
            strait.start();
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                assertThat(regionB.listPartitions(PARQUET)).hasSize(DAYS.size());
                assertThat(regionB.getTable(ORC)).isPresent();
            });
            await().atMost(WAIT).ignoreExceptions().until(strait::isDrained);
        }
    }

    private static Path write(SparkEngine spark, List<Row> rows, String format, Path directory) {
        spark.session().createDataFrame(rows, SCHEMA).repartition(2).write().mode(SaveMode.Overwrite)
                .format(format).save(directory.toUri().toString());
        return directory;
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionA, regionB, pipeline);
    }

    @Test
    @Order(1)
    void replicasWithTheSameRowsAreConsistentAtRowsDepth() {
        CliCapture.Result result = cli("--depth", "rows", PARQUET.toString(), ORC.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("reconcile lake.orders_parquet a -> b (depth rows): CONSISTENT",
                "reconcile lake.orders_orc a -> b (depth rows): CONSISTENT");
    }

    @Test
    @Order(2)
    void aChangedRowInAReplicaPartitionIsShownWithItsSideThenADeletedRowOfTheOrcTable() throws Exception {
        Path replica = replicaDirectory(regionB.getPartition(PartitionRef.of(PARQUET, List.of(DAYS.get(1))))
                .orElseThrow().location());
        replaceDataFiles(replica, changedDay);

        CliCapture.Result parquet = cli("--depth", "rows", "--json", PARQUET.toString());

        assertThat(parquet.exitCode()).as(parquet.output()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(parquet.out());
        assertThat(report.get("depth").asText()).isEqualTo("rows");
        List<JsonNode> rowDivergences = new ArrayList<>();
        report.get("divergences").forEach(divergence -> {
            if (divergence.get("class").asText().equals("DIFFERENT_ROWS")) {
                rowDivergences.add(divergence);
            }
        });
        assertThat(rowDivergences).hasSize(1);
        assertThat(rowDivergences.get(0).toString()).contains(DAYS.get(1));
        assertThat(rowDivergences.get(0).get("detail").asText()).isEqualTo("1 row(s) only in the source, 1 only in"
                + " the target (source 2000 rows, target 2000 rows); source only: {amount=5, customer=c5}; target"
                + " only: {amount=555, customer=c5}");

        Path orcReplica = replicaDirectory(regionB.getTable(ORC).orElseThrow().location());
        replaceDataFiles(orcReplica, orcWithoutARow);

        CliCapture.Result orc = cli("--depth", "rows", ORC.toString());

        assertThat(orc.exitCode()).as(orc.output()).isEqualTo(1);
        assertThat(orc.output()).contains("DIFFERENT_ROWS lake.orders_orc", "1 row(s) only in the source, 0 only in"
                + " the target (source 3000 rows, target 2999 rows); source only: {amount=0, customer=c0}");
    }

    /** Puts the data files of {@code replacement} in place of the replica's (hidden files stay). */
    private static void replaceDataFiles(Path replica, Path replacement) throws IOException {
        try (Stream<Path> files = Files.list(replica)) {
            for (Path file : files.filter(RowReconcileCliIT::isDataFile).toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> files = Files.list(replacement)) {
            for (Path file : files.filter(RowReconcileCliIT::isDataFile).toList()) {
                Files.copy(file, replica.resolve(file.getFileName()));
            }
        }
    }

    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith("_") && !name.startsWith(".");
    }

    private static Path replicaDirectory(String location) {
        return Path.of(URI.create(location.startsWith("file:/") && !location.startsWith("file:///")
                ? "file://" + location.substring("file:".length()) : location));
    }

    private static CliCapture.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("reconcile", "--config", pipeline.configFile.toString()));
        all.addAll(List.of(args));
        return CliCapture.run(all.toArray(String[]::new));
    }
}
