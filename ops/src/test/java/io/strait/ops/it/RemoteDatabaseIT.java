package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.RemoteSource;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.DataConnector;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.DatabaseType;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive Metastore 4 remote databases (data connectors) on two real 4.0.1 metastore processes: a remote database is
 * replicated as a remote database on region B's data connector of the same name, never as an empty native one; its
 * tables, which the connector serves, are left to the connector (reconcile does not list them).
 */
class RemoteDatabaseIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static StraitRuntime strait;
    private static IMetaStoreClient sourceClient;
    private static IMetaStoreClient targetClient;
    private static ThriftMetastoreGateway regionB;

    @BeforeAll
    static void startRegionsAndStrait() throws Exception {
        pipeline = new TwoRegionPipeline(work, "crm*.*");
        strait = StraitRuntime.open(new StraitConfigLoader().load(pipeline.configFile),
                "strait-remote-" + System.nanoTime(), Clock.systemUTC());
        strait.start();
        sourceClient = client(pipeline.regionA.metastoreUri());
        targetClient = client(pipeline.regionB.metastoreUri());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionB, () -> sourceClient.close(), () -> targetClient.close(), strait, pipeline);
    }

    @Test
    void aRemoteDatabaseIsReplicatedOnTheTargetsConnectorOfTheSameName() throws Exception {
        sourceClient.createDataConnector(connector("crm_jdbc"));
        targetClient.createDataConnector(connector("crm_jdbc"));

        sourceClient.createDatabase(remoteDatabase("crm", "crm_jdbc", "crm_live"));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(regionB.getDatabase("crm"))
                .map(DatabaseSnapshot::remote).contains(new RemoteSource("crm_jdbc", "crm_live")));
        assertThat(regionB.listDataConnectors()).contains("crm_jdbc");
        Database replica = targetClient.getDatabase("crm");
        assertThat(replica.getType()).isEqualTo(DatabaseType.REMOTE);
        assertThat(replica.getDescription()).isEqualTo("customers, served by crm_jdbc");
        await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).until(() -> strait.isDrained());

        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--link", "a-to-b", "--depth", "meta");
        assertThat(reconcile.exitCode()).as(reconcile.all()).isZero();
        assertThat(reconcile.err()).contains("database crm (remote database crm_live of data connector crm_jdbc in"
                + " region a): its tables are served by the data connector and are not replicated");
    }

    @Test
    void aRemoteDatabaseIsReplicatedBeforeRegionBHasItsConnector() throws Exception {
        sourceClient.createDataConnector(connector("erp_jdbc"));

        sourceClient.createDatabase(remoteDatabase("crm_erp", "erp_jdbc", "erp_live"));

        // Hive Metastore 4.0.1 accepts a remote database whose connector it lacks; reading it fails until it exists
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(regionB.getDatabase("crm_erp"))
                .map(DatabaseSnapshot::remote).contains(new RemoteSource("erp_jdbc", "erp_live")));
        assertThat(regionB.listDataConnectors()).as("what the replica's job warned about")
                .doesNotContain("erp_jdbc");
        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "crm_erp");
        assertThat(reconcile.err()).as(reconcile.all()).contains("database crm_erp (remote database erp_live of data"
                + " connector erp_jdbc in region a)");
    }

    private static DataConnector connector(String name) {
        DataConnector connector = new DataConnector(name, "mysql", "jdbc:mysql://127.0.0.1:3306/");
        connector.setParameters(new HashMap<>(Map.of("hive.sql.dbcp.username", "root")));
        return connector;
    }

    private static Database remoteDatabase(String name, String connector, String remoteName) {
        Database database = new Database(name, "customers, served by " + connector, null,
                new HashMap<>(Map.of("connector.remoteDbName", remoteName)));
        database.setType(DatabaseType.REMOTE);
        database.setConnector_name(connector);
        database.setRemote_dbname(remoteName);
        return database;
    }

    private static IMetaStoreClient client(String uri) throws TException {
        org.apache.hadoop.conf.Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, uri);
        return new HiveMetaStoreClient(conf);
    }
}
