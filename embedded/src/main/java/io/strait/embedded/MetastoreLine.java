package io.strait.embedded;

import java.util.Map;

/**
 * A release line of the Hive Metastore server that Strait runs as a child process: where its runtime is laid out
 * and what differs between the lines when starting it. Each line has its own runtime module, so the two lines' jars
 * never mix.
 */
public enum MetastoreLine {
    /** Hive Metastore 4.0.1 ({@code hive-standalone-metastore-server}), laid out by module {@code hms-runtime}. */
    HIVE_4_0("4.0.1", "strait.hms.runtime", "hms-runtime", "hive-standalone-metastore-server",
            "org.apache.hadoop.hive.metastore.tools.schematool.MetastoreSchemaTool", Map.of()),
    /**
     * Hive Metastore 3.1.3 ({@code hive-standalone-metastore}), laid out by module {@code hms-runtime-3}. It runs on
     * Java 17 without JVM flags; its defaults name two classes of the full Hive distribution (hive-exec), which a
     * standalone metastore does not have, so they are replaced by the standalone ones (as the 3.1.3 distribution's
     * own {@code metastore-site.xml} does).
     */
    HIVE_3_1("3.1.3", "strait.hms.runtime3", "hms-runtime-3", "hive-standalone-metastore-3",
            "org.apache.hadoop.hive.metastore.tools.MetastoreSchemaTool", Map.of(
                    "metastore.expression.proxy", "org.apache.hadoop.hive.metastore.DefaultPartitionExpressionProxy",
                    "metastore.task.threads.always", "org.apache.hadoop.hive.metastore.events.EventCleanerTask"));

    private final String version;
    private final String runtimeProperty;
    private final String installationFolder;
    private final String serverJarPrefix;
    private final String schemaToolClass;
    private final Map<String, String> requiredSettings;

    MetastoreLine(String version, String runtimeProperty, String installationFolder, String serverJarPrefix,
            String schemaToolClass, Map<String, String> requiredSettings) {
        this.version = version;
        this.runtimeProperty = runtimeProperty;
        this.installationFolder = installationFolder;
        this.serverJarPrefix = serverJarPrefix;
        this.schemaToolClass = schemaToolClass;
        this.requiredSettings = requiredSettings;
    }

    /** The server version, e.g. {@code 3.1.3}. */
    public String version() {
        return version;
    }

    /** System property naming this line's runtime root (set by the build for tests). */
    public String runtimeProperty() {
        return runtimeProperty;
    }

    /** The runtime's folder in a Strait installation and the name of the module laying it out. */
    public String installationFolder() {
        return installationFolder;
    }

    /** The unpacked metastore distribution under the runtime's {@code home/}: the schema tool's METASTORE_HOME. */
    public String distributionFolder() {
        return "apache-hive-metastore-" + version + "-bin";
    }

    String serverJarPrefix() {
        return serverJarPrefix;
    }

    String schemaToolClass() {
        return schemaToolClass;
    }

    /** Settings a standalone metastore of this line needs to start (the caller's settings still win). */
    Map<String, String> requiredSettings() {
        return requiredSettings;
    }
}
