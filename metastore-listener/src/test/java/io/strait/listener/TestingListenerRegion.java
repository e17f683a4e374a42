package io.strait.listener;

import io.strait.thrift.ThriftSnapshots;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;

/**
 * A real metastore process running this module's listener (classes from target/classes plus strait-common and
 * strait-metastore-thrift).
 */
final class TestingListenerRegion {
    private TestingListenerRegion() {
    }

    static Path workDirectory(String prefix) {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-work"));
            return Files.createTempDirectory(base, prefix + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EmbeddedRegion.Builder builder(String region, Path work, Map<String, String> listenerSettings) {
        Map<String, String> settings = new HashMap<>(listenerSettings);
        settings.put("metastore.event.listeners", StraitMetastoreListener.class.getName());
        settings.put("strait.region", region);
        return EmbeddedRegion.builder(region, work)
                .extraClasspath(List.of(codeSource(StraitMetastoreListener.class), codeSource(ThriftSnapshots.class),
                        codeSource(RegionId.class), codeSource(org.HdrHistogram.Recorder.class)))
                .configuration(settings);
    }

    /**
     * As {@link #builder}, but the metastore runs the shaded plugin jar an operator deploys (system property
     * {@value #PLUGIN_JAR_PROPERTY}, set by the build for the *IT tests) instead of this module's classes.
     */
    static EmbeddedRegion.Builder builderWithPluginJar(String region, Path work, Map<String, String> listenerSettings) {
        String jar = System.getProperty(PLUGIN_JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No listener plugin jar at -D" + PLUGIN_JAR_PROPERTY + "=" + jar
                    + ": run the *IT tests through `mvn -pl metastore-listener verify` (the jar is built in package)");
        }
        return builder(region, work, listenerSettings).extraClasspath(List.of(Path.of(jar)));
    }

    static final String PLUGIN_JAR_PROPERTY = "strait.listener.plugin-jar";

    static Map<String, String> store(String jdbcUrl, String user, String password, Path spool) {
        return Map.of("strait.store.jdbc-url", jdbcUrl, "strait.store.user", user, "strait.store.password", password,
                "strait.listener.spool-directory", spool.toString());
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static IMetaStoreClient client(EmbeddedRegion region) throws MetaException {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, region.metastoreUri());
        return new HiveMetaStoreClient(conf);
    }

    static Database database(String name) {
        return new Database(name, "", null, new HashMap<>());
    }

    /** An external Parquet table (id bigint, amount double) partitioned by ds, at {@code location}. */
    static Table externalTable(String database, String name, String location) {
        Table table = new Table();
        table.setDbName(database);
        table.setTableName(name);
        table.setOwner("etl");
        table.setTableType("EXTERNAL_TABLE");
        table.setSd(ThriftObjects.storage(location, List.of(new FieldSchema("id", "bigint", "row id"),
                new FieldSchema("amount", "double", null))));
        table.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("ds", "string", null))));
        table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE", "owner-team", "finance")));
        return table;
    }

    static Partition partition(Table table, String value) {
        return ThriftObjects.partition(table, value, Map.of());
    }
}
