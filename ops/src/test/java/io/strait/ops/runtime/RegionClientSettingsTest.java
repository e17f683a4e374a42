package io.strait.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.ConfigException;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.region.RegionId;
import io.strait.regionio.ThriftMetastoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** regions.<name>.metastore-client: what reaches the region's metastore Thrift client. */
class RegionClientSettingsTest {
    @TempDir
    Path work;

    @Test
    void aSecuredMetastoreGetsSaslItsPrincipalTimeoutsAndRetries() throws Exception {
        RegionConfig region = region("""
                    metastore-client:
                      sasl: true
                      kerberos-principal: hive/_HOST@EXAMPLE.COM
                      socket-timeout: 2m
                      connection-retries: 5
                      connect-retry-delay: 3s
                """);

        assertThat(RegionClientSettings.metastoreClientProperties(region)).containsExactly(
                Map.entry("metastore.sasl.enabled", "true"),
                Map.entry("metastore.kerberos.principal", "hive/_HOST@EXAMPLE.COM"));
        ThriftMetastoreSettings settings = RegionClientSettings.metastoreSettings(region);
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.connectionRetries()).isEqualTo(5);
        assertThat(settings.connectRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void byDefaultNoSaslAndTheGatewaysDefaults() throws Exception {
        RegionConfig region = region("");

        assertThat(RegionClientSettings.metastoreClientProperties(region))
                .containsExactly(Map.entry("metastore.sasl.enabled", "false"));
        assertThat(RegionClientSettings.metastoreSettings(region)).isEqualTo(ThriftMetastoreSettings.defaults());
    }

    @Test
    void saslWithoutAPrincipalAndAMissingConfDirAreProblemsNamingTheirFields() {
        assertThatThrownBy(() -> region("""
                    hadoop-conf-dir: /no/such/hadoop/conf
                    metastore-client:
                      sasl: yes please
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(problem -> problem.field() + ": " + problem.message())
                        .contains("regions.a.hadoop-conf-dir: '/no/such/hadoop/conf' is not a folder",
                                "regions.a.metastore-client.sasl: 'yes please' is not a boolean"));
        assertThatThrownBy(() -> region("""
                    metastore-client: {sasl: true}
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(problem -> problem.field() + ": " + problem.message())
                        .containsExactly("regions.a.metastore-client.kerberos-principal: is required with sasl: true"));
    }

    /**
     * What Spark executors get instead of the files: the site files' settings as values, the overrides winning, and
     * a client opened with them configured as the in-process one.
     */
    @Test
    void theSettingsOfTheSiteFilesTravelAsValuesWithTheOverridesWinning() throws Exception {
        Path site = Files.writeString(work.resolve("hdfs-site.xml"), """
                <configuration>
                  <property><name>dfs.nameservices</name><value>lake</value></property>
                  <property><name>dfs.ha.namenodes.lake</name><value>nn1,nn2</value></property>
                  <property><name>dfs.replication</name><value>2</value></property>
                </configuration>
                """);
        RegionConfig region = region("""
                    hadoop-site-files: ["%s"]
                    hadoop: {dfs.replication: "3"}
                """.formatted(site));

        Map<String, String> settings = RegionClientSettings.hadoopSettings(region);

        assertThat(settings).containsEntry("dfs.nameservices", "lake").containsEntry("dfs.ha.namenodes.lake", "nn1,nn2")
                .containsEntry("dfs.replication", "3").containsEntry("dfs.checksum.combine.mode", "COMPOSITE_CRC");
        org.apache.hadoop.conf.Configuration inProcess = RegionClientSettings.hadoopConfiguration(region);
        for (String key : settings.keySet()) {
            assertThat(settings.get(key)).as(key).isEqualTo(inProcess.getRaw(key));
        }
    }

    private RegionConfig region(String settings) throws Exception {
        Path yaml = Files.writeString(Files.createTempFile(work, "strait", ".yaml"), """
                store:
                  jdbc-url: jdbc:mysql://127.0.0.1:3306/strait
                regions:
                  a:
                    metastore-uri: thrift://127.0.0.1:9083
                    roots: {warehouse: "file:///tmp/a"}
                %s
                  b: {metastore-uri: "thrift://127.0.0.1:9084", roots: {warehouse: "file:///tmp/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(settings.stripTrailing()));
        return new StraitConfigLoader().load(yaml).region(RegionId.of("a"));
    }
}
