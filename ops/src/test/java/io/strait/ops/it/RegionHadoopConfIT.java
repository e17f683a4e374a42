package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.RegionClientSettings;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A region's {@code hadoop-conf-dir} is honoured: an HDFS (MiniDFSCluster) is reached through an HA-style
 * nameservice, {@code hdfs://lake}, that only the folder's {@code hdfs-site.xml} defines; {@code core-site.xml}
 * keys reach the region's configuration and {@code hadoop.<key>} overrides win over them.
 */
class RegionHadoopConfIT {
    @TempDir
    static Path work;
    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws Exception {
        cluster = new MiniDFSCluster.Builder(new Configuration(), work.resolve("hdfs").toFile()).numDataNodes(1)
                .build();
        Path confDir = Files.createDirectories(work.resolve("hadoop-conf"));
        Files.writeString(confDir.resolve("hdfs-site.xml"), site(
                property("dfs.nameservices", "lake")
                + property("dfs.ha.namenodes.lake", "nn1")
                + property("dfs.namenode.rpc-address.lake.nn1", "127.0.0.1:" + cluster.getNameNodePort())
                + property("dfs.client.failover.proxy.provider.lake",
                        "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider")));
        Files.writeString(confDir.resolve("core-site.xml"), site(
                property("fs.defaultFS", "hdfs://lake")
                + property("strait.test.from-core-site", "core-site")
                + property("strait.test.overridden", "core-site")));
        try (OutputStream out = cluster.getFileSystem().create(new org.apache.hadoop.fs.Path(
                "/warehouse/sales/orders/part-0.parquet"))) {
            out.write(new byte[] {1, 2, 3});
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void theNameserviceOfTheConfDirReachesTheClusterAndOverridesWin() throws Exception {
        RegionConfig region = region("""
                    hadoop-conf-dir: %s
                    hadoop:
                      strait.test.overridden: yaml
                """.formatted(work.resolve("hadoop-conf")));

        Configuration conf = RegionClientSettings.hadoopConfiguration(region);

        assertThat(conf.get("strait.test.from-core-site")).isEqualTo("core-site");
        assertThat(conf.get("strait.test.overridden")).as("hadoop.<key> wins").isEqualTo("yaml");
        assertThat(conf.get("dfs.checksum.combine.mode")).isEqualTo("COMPOSITE_CRC");
        try (HadoopRegionFileSystem fileSystem = new HadoopRegionFileSystem(region.name(), conf)) {
            assertThat(fileSystem.listFiles("hdfs://lake/warehouse/sales/orders"))
                    .extracting(FileEntry::relativePath, FileEntry::sizeBytes)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("part-0.parquet", 3L));
        }
    }

    @Test
    void withoutTheConfDirTheNameserviceIsUnknown() throws Exception {
        RegionConfig region = region("");

        try (HadoopRegionFileSystem fileSystem = new HadoopRegionFileSystem(region.name(),
                RegionClientSettings.hadoopConfiguration(region))) {
            assertThatThrownBy(() -> fileSystem.listFiles("hdfs://lake/warehouse/sales/orders"))
                    .hasStackTraceContaining("lake");
        }
    }

    @Test
    void aSiteFileListedAfterTheConfDirWinsOverIt() throws Exception {
        Path extra = Files.writeString(work.resolve("extra-site.xml"),
                site(property("strait.test.from-core-site", "extra")));
        RegionConfig region = region("""
                    hadoop-conf-dir: %s
                    hadoop-site-files: [%s]
                """.formatted(work.resolve("hadoop-conf"), extra));

        assertThat(region.hadoopSiteFiles()).containsExactly(work.resolve("hadoop-conf/core-site.xml").toString(),
                work.resolve("hadoop-conf/hdfs-site.xml").toString(), extra.toString());
        assertThat(RegionClientSettings.hadoopConfiguration(region).get("strait.test.from-core-site"))
                .isEqualTo("extra");
    }

    private static RegionConfig region(String settings) throws Exception {
        Path yaml = Files.writeString(Files.createTempFile(work, "strait", ".yaml"), """
                store:
                  jdbc-url: jdbc:mysql://127.0.0.1:3306/strait
                regions:
                  a:
                    metastore-uri: thrift://127.0.0.1:9083
                    roots: {warehouse: "hdfs://lake/warehouse"}
                %s
                  b: {metastore-uri: "thrift://127.0.0.1:9084", roots: {warehouse: "file:///tmp/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(settings.stripTrailing()));
        StraitConfig config = new StraitConfigLoader().load(yaml);
        return config.region(RegionId.of("a"));
    }

    private static String site(String properties) {
        return "<?xml version=\"1.0\"?>\n<configuration>\n" + properties + "</configuration>\n";
    }

    private static String property(String name, String value) {
        return "  <property><name>" + name + "</name><value>" + value + "</value></property>\n";
    }
}
