package io.strait.ops.it;

import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.MetastoreLine;
import io.strait.ops.demo.ListenerPlugin;
import io.strait.ops.demo.TwoRegionYaml;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Test fixture: a real state store (a fresh MariaDB database), region A (a Hive Metastore process running Strait's
 * listener) and region B (another metastore process), and a Strait configuration file linking A to B.
 */
final class TwoRegionPipeline implements AutoCloseable {
    final TestingMariaDb store;
    final EmbeddedRegion regionA;
    final EmbeddedRegion regionB;
    final Path configFile;

    TwoRegionPipeline(Path workDirectory, String include) throws IOException {
        this(workDirectory, include, MetastoreLine.HIVE_4_0, MetastoreLine.HIVE_4_0);
    }

    /** Region A on a metastore of {@code sourceLine}, region B on one of {@code targetLine}. */
    TwoRegionPipeline(Path workDirectory, String include, MetastoreLine sourceLine, MetastoreLine targetLine)
            throws IOException {
        store = TestingMariaDb.create();
        try {
            List<EmbeddedRegion> regions = EmbeddedRegion.startAll(List.of(
                    EmbeddedRegion.builder("a", workDirectory.resolve("region-a")).line(sourceLine)
                            .extraClasspath(ListenerPlugin.classpath())
                            .configuration(ListenerPlugin.settings(RegionId.of("a"), store.jdbcUrl(), store.user(),
                                    store.password(), workDirectory.resolve("spool"))),
                    EmbeddedRegion.builder("b", workDirectory.resolve("region-b")).line(targetLine)));
            regionA = regions.get(0);
            regionB = regions.get(1);
            configFile = workDirectory.resolve("strait.yaml");
            Files.writeString(configFile, yaml(include));
        } catch (RuntimeException | IOException e) {
            store.close();
            throw e;
        }
    }

    private String yaml(String include) {
        return new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(), regionA, regionB, include,
                Duration.ofMillis(300)).render();
    }

    @Override
    public void close() {
        try {
            regionA.close();
        } finally {
            try {
                regionB.close();
            } finally {
                store.close();
            }
        }
    }
}
