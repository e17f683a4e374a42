package io.strait.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedRegionTest {
    private static EmbeddedRegion source;
    private static EmbeddedRegion target;

    @BeforeAll
    static void startBothRegions() {
        List<EmbeddedRegion> regions = EmbeddedRegion.startAll(List.of(
                EmbeddedRegion.builder("region-a", TestingDirectories.create("region-a")),
                EmbeddedRegion.builder("region-b", TestingDirectories.create("region-b"))));
        source = regions.get(0);
        target = regions.get(1);
    }

    @AfterAll
    static void stopBothRegions() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void regionsRunOnTheirOwnPortsAndWarehouseRoots() {
        assertThat(source.name()).isEqualTo("region-a");
        assertThat(source.port()).isNotEqualTo(target.port());
        assertThat(source.metastoreUri()).isEqualTo("thrift://127.0.0.1:" + source.port());
        assertThat(source.managedRoot()).isEqualTo(source.workDirectory().resolve("warehouse/managed")).isDirectory();
        assertThat(source.externalRoot()).isEqualTo(source.workDirectory().resolve("warehouse/external"))
                .isDirectory();
        assertThat(source.externalRootUri()).isEqualTo("file:" + source.externalRoot());
        assertThat(target.managedRootUri()).isEqualTo("file:" + target.managedRoot());
        assertThat(source.logFile()).isRegularFile();
    }

    @Test
    void aDatabaseCreatedInOneRegionIsAbsentFromTheOther() throws Exception {
        try (IMetaStoreClient sourceClient = client(source); IMetaStoreClient targetClient = client(target)) {
            Database sales = new Database("sales", "orders", null, Map.of("owner-team", "finance"));
            sourceClient.createDatabase(sales);

            Database created = sourceClient.getDatabase("sales");
            assertThat(created.getParameters()).containsEntry("owner-team", "finance");
            assertThat(created.getLocationUri()).startsWith(source.externalRootUri());
            assertThat(targetClient.getAllDatabases()).contains("default").doesNotContain("sales");
            assertThatThrownBy(() -> targetClient.getDatabase("sales")).isInstanceOf(NoSuchObjectException.class);
        }
    }

    @Test
    void aWrongRuntimeFailsWithTheBuildHint() {
        Path wrong = TestingDirectories.create("no-runtime");

        assertThatThrownBy(() -> EmbeddedRegion.builder("region-c", TestingDirectories.create("region-c"))
                .runtime(MetastoreRuntime.at(wrong)).start())
                .isInstanceOf(StraitException.class)
                .hasMessageContaining("Cannot use the metastore runtime at " + wrong)
                .hasMessageContaining("mvn -pl hms-runtime package");
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path work = TestingDirectories.create("region-d");

            assertThatThrownBy(() -> EmbeddedRegion.builder("region-d", work).port(taken.getLocalPort()).start())
                    .isInstanceOfSatisfying(StraitException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR))
                    .hasMessageContaining("port " + taken.getLocalPort() + " is in use by another process");
            assertThat(work.resolve("metastore_db")).doesNotExist();
        }
    }

    @Test
    void aMetastoreThatCannotStartFailsWithTheTailOfItsLog() throws Exception {
        Path work = TestingDirectories.create("region-broken");

        assertThatThrownBy(() -> EmbeddedRegion.builder("region-broken", work)
                .configuration(Map.of("metastore.event.listeners", "io.strait.NoSuchListener"))
                .start())
                .isInstanceOf(StraitException.class)
                .hasMessageContaining("Cannot start the metastore of region region-broken")
                .hasMessageContaining("io.strait.NoSuchListener");
        assertThat(Files.readString(work.resolve("metastore.log"))).contains("io.strait.NoSuchListener");
    }

    static IMetaStoreClient client(EmbeddedRegion region) throws Exception {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, region.metastoreUri());
        MetastoreConf.setLongVar(conf, MetastoreConf.ConfVars.THRIFT_CONNECTION_RETRIES, 3);
        return new HiveMetaStoreClient(conf);
    }
}
