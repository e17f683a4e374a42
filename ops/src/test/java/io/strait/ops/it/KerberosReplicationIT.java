package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.ops.runtime.RegionClients;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.regionio.ThriftMetastoreSettings;
import io.strait.sql.testing.TestingMariaDb;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two secured regions, as production lakes are: a KDC (MiniKdc), and per region an HDFS that speaks only Kerberos
 * (with block tokens and SASL on data transfer) and a Hive Metastore 4.0.1 process that speaks only SASL. Strait logs
 * in per region from a keytab (a different principal per region) and, through its command line, bootstraps a
 * partitioned table from A to B; reconcile finds B consistent. A keytab of another principal ends the command with
 * exit 2 and one line naming the region, the principal, the keytab and the fix.
 *
 * <p>Hadoop's security state is process-wide (UserGroupInformation), so this test runs in a JVM of its own (the
 * {@code kerberos} execution of failsafe) and resets that state when it ends.
 */
@Tag("kerberos")
class KerberosReplicationIT {
    private static final String DB = "sales";
    /** The databases of the Spark tests: one a test, both matched by the link. */
    private static final String RIDES = "rides";
    private static final String RIDES_ON_CLUSTER = "rides_cluster";
    private static final TableRef ORDERS = TableRef.of(DB, "orders");
    private static final List<String> DAYS = List.of("2026-03-01", "2026-03-02");
    private static final String REGION_A_PRINCIPAL = "strait-a";
    private static final String REGION_B_PRINCIPAL = "strait-b";

    @TempDir
    static Path work;

    private static MiniKdc kdc;
    private static SecuredHdfs hdfsA;
    private static SecuredHdfs hdfsB;
    private static TestingMariaDb store;
    private static EmbeddedRegion metastoreA;
    private static EmbeddedRegion metastoreB;
    private static Path configFile;
    private static Path keytabA;
    private static Path keytabB;

    @BeforeAll
    static void startSecuredRegions() throws Exception {
        kdc = new MiniKdc(MiniKdc.createConf(), Files.createDirectories(work.resolve("kdc")).toFile());
        kdc.start();
        Path hdfsKeytab = keytab("hdfs", "hdfs/localhost", "HTTP/localhost");
        Path hiveKeytab = keytab("hive", "hive/localhost");
        keytabA = keytab(REGION_A_PRINCIPAL, REGION_A_PRINCIPAL);
        keytabB = keytab(REGION_B_PRINCIPAL, REGION_B_PRINCIPAL);
        hdfsA = new SecuredHdfs(work.resolve("hdfs-a"), principal("hdfs/localhost"), principal("HTTP/localhost"),
                hdfsKeytab, "hive");
        hdfsB = new SecuredHdfs(work.resolve("hdfs-b"), principal("hdfs/localhost"), principal("HTTP/localhost"),
                hdfsKeytab, "hive");
        store = TestingMariaDb.create();
        List<EmbeddedRegion> metastores = EmbeddedRegion.startAll(List.of(
                securedMetastore("a", hiveKeytab), securedMetastore("b", hiveKeytab)));
        metastoreA = metastores.get(0);
        metastoreB = metastores.get(1);
        configFile = Files.writeString(work.resolve("strait.yaml"), yaml(keytabA, keytabB));
        writeSourceTable();
    }

    /** A metastore that speaks only SASL, logged in as hive/localhost, whose Hadoop client speaks Kerberos. */
    private static EmbeddedRegion.Builder securedMetastore(String region, Path hiveKeytab) {
        Map<String, String> hadoop = new java.util.HashMap<>(SecuredHdfs.clientSettings(principal("hdfs/localhost")));
        hadoop.put("hadoop.security.authentication", "kerberos");
        return EmbeddedRegion.builder(region, work.resolve("metastore-" + region))
                .configuration(Map.of("metastore.sasl.enabled", "true",
                        "metastore.kerberos.keytab.file", hiveKeytab.toString(),
                        "metastore.kerberos.principal", principal("hive/localhost")))
                .hadoopSettings(hadoop)
                .systemProperties(Map.of("java.security.krb5.conf", kdc.getKrb5conf().getAbsolutePath()));
    }

    @AfterAll
    static void stopAll() {
        Closing.closeAll(metastoreA, metastoreB, store, hdfsA, hdfsB);
        if (kdc != null) {
            kdc.stop();
        }
        UserGroupInformation.reset();
    }

    @Test
    void aPartitionedTableIsBootstrappedBetweenSecuredRegionsAndReconcileFindsItConsistent() throws Exception {
        CliCapture.Result bootstrap = CliCapture.run("bootstrap", "--config", configFile.toString(),
                "--scheduler-name", "strait-kerberos-" + System.nanoTime(), "--timeout", "240", DB);

        assertThat(bootstrap.exitCode()).as(bootstrap.all()).isZero();
        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", configFile.toString(), "--depth",
                "bytes", DB);
        assertThat(reconcile.exitCode()).as(reconcile.all()).isZero();
        assertThat(reconcile.out()).contains("1 consistent").doesNotContain("DIVERGENT", "IN_FLIGHT");
        try (RegionClients b = RegionClients.connect(config().region(RegionId.of("b")))) {
            assertThat(b.metastore().listPartitions(ORDERS)).hasSize(DAYS.size())
                    .allSatisfy(partition -> assertThat(partition.location()).startsWith(hdfsB.uri() + "/"));
            for (PartitionSnapshot partition : b.metastore().listPartitions(ORDERS)) {
                assertThat(b.fileSystem().listFiles(partition.location())).extracting(FileEntry::sizeBytes)
                        .containsExactlyInAnyOrder(1_000L, 2_000L);
                assertThat(ownersOfFilesIn(hdfsB, partition.location())).as("written as region b's principal")
                        .containsOnly(REGION_B_PRINCIPAL);
            }
        }
        assertThat(Files.readString(metastoreB.logFile())).as("region b's metastore served region b's principal")
                .contains("ugi=" + REGION_B_PRINCIPAL).doesNotContain("ugi=" + REGION_A_PRINCIPAL, "ugi=hdfs");
        assertThat(Files.readString(metastoreA.logFile())).as("region a's metastore served region a's principal")
                .contains("ugi=" + REGION_A_PRINCIPAL).doesNotContain("ugi=" + REGION_B_PRINCIPAL, "ugi=hdfs");
    }

    /** The owners of the files in {@code directory}, read as HDFS's own service principal (the process's login). */
    private static List<String> ownersOfFilesIn(SecuredHdfs hdfs, String directory) throws Exception {
        Configuration conf = new Configuration();
        conf.addResource(new org.apache.hadoop.fs.Path(hdfs.clientConfDir().resolve("core-site.xml").toString()));
        conf.addResource(new org.apache.hadoop.fs.Path(hdfs.clientConfDir().resolve("hdfs-site.xml").toString()));
        try (FileSystem fileSystem = FileSystem.newInstance(java.net.URI.create(hdfs.uri()), conf)) {
            return java.util.Arrays.stream(fileSystem.listStatus(new org.apache.hadoop.fs.Path(directory)))
                    .map(org.apache.hadoop.fs.FileStatus::getOwner).distinct().toList();
        }
    }

    @Test
    void theRegionsRefuseClientsWithoutKerberos() {
        Configuration plain = new Configuration();
        plain.set("hadoop.security.authentication", "kerberos");
        UserGroupInformation stranger = UserGroupInformation.createRemoteUser("stranger");
        assertThatThrownBy(() -> stranger.doAs((PrivilegedExceptionAction<Object>) () -> {
            try (FileSystem fileSystem = FileSystem.newInstance(java.net.URI.create(hdfsA.uri()), plain)) {
                return fileSystem.listStatus(new org.apache.hadoop.fs.Path("/"));
            }
        })).hasStackTraceContaining("Client cannot authenticate via:[TOKEN, KERBEROS]");
        assertThatThrownBy(() -> ThriftMetastoreGateway.connect(RegionId.of("b"), metastoreB.metastoreUri(),
                new ThriftMetastoreSettings(Duration.ofSeconds(5), 1, Duration.ofMillis(100), 1)).listDatabases())
                .as("a metastore client without SASL").isInstanceOf(RuntimeException.class);
    }

    @Test
    void aKeytabOfAnotherPrincipalEndsWithExit2NamingRegionPrincipalKeytabAndFix() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong-keytab.yaml"), yaml(keytabB, keytabB));

        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", wrong.toString(), DB);

        assertThat(reconcile.exitCode()).as(reconcile.all()).isEqualTo(2);
        List<String> lines = reconcile.err().lines().filter(line -> line.startsWith("strait reconcile:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("region a", principal(REGION_A_PRINCIPAL), keytabB.toString(),
                "fix: make regions.a.kerberos.keytab a keytab holding the current key of regions.a.kerberos.principal");
        assertThat(reconcile.err()).doesNotContain("\tat ", "Exception in");
    }

    @Test
    void configCheckOnlineReachesTheSecuredMetastores() {
        CliCapture.Result check = CliCapture.run("config", "check", "--online", "--config", configFile.toString());

        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).contains("metastore of region a (" + metastoreA.metastoreUri() + "): ok, answers",
                "metastore of region b (" + metastoreB.metastoreUri() + "): ok, answers");
    }

    /**
     * With Spark on a local master, every copy of the bootstrap runs on Spark, whose tasks hold no Kerberos login:
     * they reach both regions through delegation tokens the regions' principals obtained. Region B's namenode sees
     * each file created by region B's principal, authenticated by token (not by Kerberos, as an in-process copy would
     * be); the files belong to that principal; and the row-level reconcile reads both regions by token and finds
     * them equal.
     */
    @Test
    void sparkCopiesAndComparesRowsOfSecuredRegionsThroughDelegationTokens() throws Exception {
        replicatesAndComparesRowsThroughTokens(RIDES,
                "spark: {enabled: true, master: \"local[2]\", copy-threshold: 1B}");
    }

    /**
     * The same on a Spark standalone cluster started by the test: executors are JVMs of their own, which have the
     * realm's client configuration (krb5.conf) but no keytab and no ticket, so the tokens that came with the job are
     * their only way in.
     */
    @Test
    void executorsInJvmsOfTheirOwnReachSecuredRegionsThroughDelegationTokens() throws Exception {
        try (io.strait.spark.StandaloneCluster cluster = io.strait.spark.StandaloneCluster.start(
                Files.createDirectories(work.resolve("spark-cluster")), 2)) {
            String executorOptions = io.strait.spark.StandaloneCluster.javaOptions() + " -Djava.security.krb5.conf="
                    + kdc.getKrb5conf().getAbsolutePath();
            replicatesAndComparesRowsThroughTokens(RIDES_ON_CLUSTER, """
                    spark:
                      enabled: true
                      master: "%s"
                      copy-threshold: 1B
                      conf:
                        spark.driver.host: 127.0.0.1
                        spark.driver.bindAddress: 127.0.0.1
                        spark.executor.cores: "1"
                        spark.cores.max: "2"
                        spark.executor.memory: 512m
                        spark.executor.extraClassPath: "%s"
                        spark.executor.extraJavaOptions: "%s"
                    """.formatted(cluster.masterUrl(), io.strait.spark.StandaloneCluster.classPath(),
                    executorOptions));
            assertThat(cluster.executors()).as("executors of their own ran the work").isNotEmpty();
        }
    }

    private void replicatesAndComparesRowsThroughTokens(String database, String sparkSection) throws Exception {
        TableRef trips = writeTripsTable(database);
        Path sparkConfig = Files.writeString(work.resolve(database + "-spark.yaml"), yaml(keytabA, keytabB,
                sparkSection));
        NamenodeAudit audit = NamenodeAudit.start();
        CliCapture.Result bootstrap;
        try {
            bootstrap = CliCapture.run("bootstrap", "--config", sparkConfig.toString(),
                    "--scheduler-name", "strait-kerberos-spark-" + System.nanoTime(), "--timeout", "240", database);
        } finally {
            audit.stop();
        }

        assertThat(bootstrap.exitCode()).as(bootstrap.all()).isZero();
        List<String> creates = audit.lines().stream()
                .filter(line -> line.contains("cmd=create") && line.contains("/" + database + ".db/trips/"))
                .filter(line -> line.contains("ugi=" + REGION_B_PRINCIPAL)).toList();
        assertThat(creates).as("files created in region b").hasSizeGreaterThanOrEqualTo(DAYS.size() * 2)
                .allSatisfy(line -> assertThat(line).contains("(auth:TOKEN)"));
        try (RegionClients b = RegionClients.connect(config().region(RegionId.of("b")))) {
            List<PartitionSnapshot> partitions = b.metastore().listPartitions(trips);
            assertThat(partitions).hasSize(DAYS.size());
            for (PartitionSnapshot partition : partitions) {
                assertThat(ownersOfFilesIn(hdfsB, partition.location())).containsOnly(REGION_B_PRINCIPAL);
            }
        }
        NamenodeAudit reads = NamenodeAudit.start();
        CliCapture.Result rows;
        try {
            rows = CliCapture.run("reconcile", "--config", sparkConfig.toString(), "--depth", "rows",
                    trips.toString());
        } finally {
            reads.stop();
        }
        assertThat(rows.exitCode()).as(rows.all()).isZero();
        assertThat(rows.out()).contains(trips + " a -> b (depth rows): CONSISTENT")
                .doesNotContain("DIVERGENT", "cannot read");
        assertThat(reads.lines().stream().filter(line -> line.contains("cmd=open")
                && line.contains("/" + database + ".db/trips/") && line.contains("(auth:TOKEN)")).toList())
                .as("rows read by token in both regions")
                .anyMatch(line -> line.contains("ugi=" + REGION_A_PRINCIPAL))
                .anyMatch(line -> line.contains("ugi=" + REGION_B_PRINCIPAL));
    }

    /**
     * A secured and an unsecured region in one process: region C has a metastore without SASL and a local warehouse,
     * and no Kerberos login. Hadoop's security mode is process-wide (on, for region A), yet region C is reached
     * without Kerberos, and the sales table replicates from A to C and reconciles consistent.
     */
    @Test
    void aSecuredAndAnUnsecuredRegionReplicateInOneProcess() throws Exception {
        try (EmbeddedRegion metastoreC = EmbeddedRegion.builder("c", work.resolve("metastore-c")).start()) {
            Path warehouseC = Files.createDirectories(work.resolve("warehouse-c"));
            String regionC = """
                      c:
                        metastore-uri: %s
                        roots: {warehouse: "%s"}
                    links:
                      - {name: a-to-c, source: a, target: c, include: ["%s.*"]}
                    """.formatted(metastoreC.metastoreUri(), warehouseC.toUri(), DB);
            String twoRegions = yaml(keytabA, keytabB);
            Path mixed = Files.writeString(work.resolve("mixed.yaml"),
                    twoRegions.substring(0, twoRegions.indexOf("links:")) + regionC
                            + twoRegions.substring(twoRegions.indexOf("scheduler:")));

            CliCapture.Result bootstrap = CliCapture.run("bootstrap", "--config", mixed.toString(),
                    "--scheduler-name", "strait-kerberos-mixed-" + System.nanoTime(), "--timeout", "240", DB);
            assertThat(bootstrap.exitCode()).as(bootstrap.all()).isZero();
            CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", mixed.toString(), "--depth",
                    "bytes", ORDERS.toString());
            assertThat(reconcile.exitCode()).as(reconcile.all()).isZero();
            assertThat(reconcile.out()).contains(ORDERS + " a -> c (depth bytes): CONSISTENT");
            try (Stream<Path> files = Files.walk(warehouseC)) {
                assertThat(files.filter(Files::isRegularFile).filter(file -> file.toString().contains("/ds="))
                        .map(file -> file.toFile().length()).toList()).as("the partitions' files in region c")
                        .containsExactlyInAnyOrder(1_000L, 2_000L, 1_000L, 2_000L);
            }
        }
    }

    /** Region A's table of Parquet files (two partitions of two files), written as region A's principal. */
    private static TableRef writeTripsTable(String database) throws Exception {
        TableRef trips = TableRef.of(database, "trips");
        String table = hdfsA.uri() + "/warehouse/" + database + ".db/trips";
        try (RegionClients a = RegionClients.connect(config().region(RegionId.of("a")))) {
            a.metastore().createDatabase(new DatabaseSnapshot(database, hdfsA.uri() + "/warehouse/" + database
                    + ".db", "", Map.of()));
            a.metastore().createTable(new TableSnapshot(trips, TableSnapshot.EXTERNAL_TABLE, table,
                    List.of(ColumnSpec.of("trip_id", "bigint"), ColumnSpec.of("rider", "string")),
                    List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"),
                    "etl"));
            int seed = 0;
            for (String day : DAYS) {
                String partition = table + "/ds=" + day;
                for (int file = 0; file < 2; file++) {
                    Path local = work.resolve(database + "-" + day + "-" + file + ".parquet");
                    writeTrips(local, 500 + 100 * file, ++seed);
                    try (OutputStream out = a.fileSystem().create(partition + "/part-" + file + ".parquet")) {
                        Files.copy(local, out);
                    }
                }
                a.metastore().addPartition(new PartitionSnapshot(PartitionRef.of(trips, List.of(day)), partition,
                        StorageFormat.PARQUET, Map.of()));
            }
        }
        return trips;
    }

    private static void writeTrips(Path file, int rows, long seed) throws Exception {
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message trip { required int64 trip_id; required binary rider (UTF8); }");
        org.apache.parquet.example.data.simple.SimpleGroupFactory groups =
                new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer =
                org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(
                        new org.apache.parquet.io.LocalOutputFile(file)).withType(schema).build()) {
            for (int row = 0; row < rows; row++) {
                writer.write(groups.newGroup().append("trip_id", seed * 1_000_000L + row)
                        .append("rider", "rider-" + (row % 37)));
            }
        }
    }

    /** The namenodes' audit log lines (both namenodes run in this JVM) while it is started. */
    private static final class NamenodeAudit {
        private static final String LOGGER = "org.apache.hadoop.hdfs.server.namenode.FSNamesystem.audit";
        private final ch.qos.logback.classic.Logger logger;
        private final ch.qos.logback.classic.Level level;
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();

        private NamenodeAudit(ch.qos.logback.classic.Logger logger) {
            this.logger = logger;
            this.level = logger.getLevel();
        }

        static NamenodeAudit start() {
            NamenodeAudit audit = new NamenodeAudit(
                    (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LOGGER));
            audit.appender.start();
            audit.logger.addAppender(audit.appender);
            audit.logger.setLevel(ch.qos.logback.classic.Level.INFO);
            return audit;
        }

        void stop() {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        synchronized List<String> lines() {
            return appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void configCheckNamesAMissingKeytab() throws Exception {
        Path missing = Files.writeString(work.resolve("missing-keytab.yaml"),
                yaml(work.resolve("no-such.keytab"), keytabB));

        CliCapture.Result check = CliCapture.run("config", "check", "--config", missing.toString());

        assertThat(check.exitCode()).as(check.all()).isEqualTo(2);
        assertThat(check.all()).contains("regions.a.kerberos.keytab", "no-such.keytab", "is not a readable file");
    }

    /** Region A's table, written as Strait's principal of region A: a database, two partitions of two files. */
    private static void writeSourceTable() throws Exception {
        Random random = new Random(7);
        String table = hdfsA.uri() + "/warehouse/" + DB + ".db/orders";
        try (RegionClients a = RegionClients.connect(config().region(RegionId.of("a")))) {
            a.metastore().createDatabase(new DatabaseSnapshot(DB, hdfsA.uri() + "/warehouse/" + DB + ".db", "",
                    Map.of()));
            a.metastore().createTable(new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE, table,
                    List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")),
                    StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl"));
            for (String day : DAYS) {
                String partition = table + "/ds=" + day;
                for (int size : new int[] {1_000, 2_000}) {
                    byte[] bytes = new byte[size];
                    random.nextBytes(bytes);
                    try (OutputStream out = a.fileSystem().create(partition + "/part-" + size + ".parquet")) {
                        out.write(bytes);
                    }
                }
                a.metastore().addPartition(new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(day)), partition,
                        StorageFormat.PARQUET, Map.of()));
            }
        }
    }

    private static StraitConfig config() {
        return new StraitConfigLoader().load(configFile);
    }

    private static String yaml(Path keytabOfA, Path keytabOfB) {
        return yaml(keytabOfA, keytabOfB, "");
    }

    /** The two regions' configuration with {@code spark} as its {@code spark} section (none when empty). */
    private static String yaml(Path keytabOfA, Path keytabOfB, String spark) {
        return """
                store:
                  jdbc-url: "%s"
                  user: "%s"
                  password: "%s"
                regions:
                  a:
                    metastore-uri: %s
                    roots: {warehouse: "%s/warehouse"}
                    hadoop-conf-dir: %s
                    kerberos: {principal: "%s", keytab: "%s"}
                    metastore-client: {sasl: true, kerberos-principal: "%s"}
                  b:
                    metastore-uri: %s
                    roots: {warehouse: "%s/warehouse"}
                    hadoop-conf-dir: %s
                    kerberos: {principal: "%s", keytab: "%s"}
                    metastore-client: {sasl: true, kerberos-principal: "%s"}
                links:
                  - {name: a-to-b, source: a, target: b, include: ["%s.*", "%s.*", "%s.*"]}
                scheduler: {cycle-interval: 300ms, retry-backoff: 1s}
                %s
                """.formatted(store.jdbcUrl(), store.user(), store.password().replace("${", "$${"),
                metastoreA.metastoreUri(), hdfsA.uri(), hdfsA.clientConfDir(), principal(REGION_A_PRINCIPAL),
                keytabOfA, principal("hive/localhost"),
                metastoreB.metastoreUri(), hdfsB.uri(), hdfsB.clientConfDir(), principal(REGION_B_PRINCIPAL),
                keytabOfB, principal("hive/localhost"), DB, RIDES, RIDES_ON_CLUSTER, spark);
    }

    private static Path keytab(String name, String... principals) throws Exception {
        File keytab = work.resolve(name + ".keytab").toFile();
        kdc.createPrincipal(keytab, principals);
        return keytab.toPath();
    }

    private static String principal(String name) {
        return name + "@" + kdc.getRealm();
    }
}
