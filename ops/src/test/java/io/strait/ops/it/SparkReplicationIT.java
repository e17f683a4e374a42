package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.ops.alerts.LogCapture;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait run} with {@code spark.enabled}: a job above {@code spark.copy-threshold} is copied by Spark (local
 * mode) and goes through the pipeline as any job does: its files verified, its manifest recorded, its version folder
 * published into region B's metastore with the source's bytes.
 */
class SparkReplicationIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final List<String> DAYS = List.of("2026-04-01", "2026-04-02");

    @TempDir
    Path work;

    @Test
    void aJobAboveTheThresholdIsCopiedOnSparkVerifiedAndPublished() throws Exception {
        try (TwoRegionPipeline pipeline = new TwoRegionPipeline(work, "sales.*");
                LogCapture log = LogCapture.of("io.strait.spark", Level.INFO)) {
            Files.writeString(pipeline.configFile, Files.readString(pipeline.configFile)
                    + "\nspark: {enabled: true, master: \"local[2]\", copy-threshold: 1KB}\n");
            StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
            try (SourceWriter writer = new SourceWriter(pipeline.regionA.metastoreUri(),
                    pipeline.regionA.externalRoot(), TABLE.database(), TABLE.table());
                    ThriftMetastoreGateway regionB = ThriftMetastoreGateway.connect(RegionId.of("b"),
                            pipeline.regionB.metastoreUri());
                    StraitRuntime strait = StraitRuntime.open(config, "strait-spark-it-" + System.nanoTime(),
                            Clock.systemUTC())) {
                strait.start();
                writer.createTableWithPartitions(DAYS);
                await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                        assertThat(regionB.listPartitions(TABLE)).hasSize(DAYS.size()));
                await().atMost(WAIT).ignoreExceptions().until(strait::isDrained);

                for (String day : DAYS) {
                    String location = regionB.getPartition(PartitionRef.of(TABLE, List.of(day))).orElseThrow()
                            .location();
                    assertThat(location).contains("_strait_v");
                    Path replica = path(location);
                    try (Stream<Path> files = Files.list(writer.partitionDirectory(day))) {
                        for (Path source : files.toList()) {
                            assertThat(Files.readAllBytes(replica.resolve(source.getFileName())))
                                    .isEqualTo(Files.readAllBytes(source));
                        }
                    }
                }
                assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("on Spark (local[2])"));
                assertThat(log.lines()).filteredOn(line -> line.contains("verified on Spark"))
                        .hasSizeGreaterThanOrEqualTo(DAYS.size())
                        .allSatisfy(line -> assertThat(line).contains("2 of 2 file(s) verified on Spark"));
                try (java.sql.Connection connection = pipeline.store.dataSource().getConnection();
                        java.sql.ResultSet rows = connection.createStatement().executeQuery(
                                "SELECT COUNT(*), SUM(verification = 'VERIFIED') FROM file_manifest")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(2 * DAYS.size()).isEqualTo(rows.getInt(2));
                }
            }
        }
    }

    private static Path path(String location) {
        return Path.of(URI.create(location.startsWith("file:/") && !location.startsWith("file:///")
                ? "file://" + location.substring("file:".length()) : location));
    }
}
