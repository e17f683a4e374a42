package io.strait.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * What this Strait was built from (version, git commit) and against (Hive, Hadoop, Spark), read from the
 * {@code strait-build.properties} the build writes; {@code strait --version} prints it.
 *
 * @param version the Strait version
 * @param gitCommit the commit built ({@code -dirty} when the work tree had changes), or {@code unknown}
 * @param hiveVersion the Hive Metastore version of the Thrift client, the listener and the demo's metastores
 * @param hadoopClientVersion the Hadoop client Strait's own processes use
 * @param hadoopServerVersion the Hadoop the demo's metastore server and the listener are compiled against
 * @param sparkVersion the Spark version of the build
 */
record BuildInfo(String version, String gitCommit, String hiveVersion, String hadoopClientVersion,
        String hadoopServerVersion, String sparkVersion) {
    static final String RESOURCE = "strait-build.properties";

    /** The build information packaged with this class. */
    static BuildInfo packaged() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " of the strait-ops jar", e);
        }
        return new BuildInfo(value(properties, "version"), value(properties, "git.commit"),
                value(properties, "hive.version"), value(properties, "hadoop.client.version"),
                value(properties, "hadoop.server.version"), value(properties, "spark.version"));
    }

    /** The lines of {@code strait --version}. */
    List<String> lines() {
        return List.of("strait " + version + " (git " + gitCommit + ")",
                "built against: Hive Metastore " + hiveVersion + ", Hadoop " + hadoopClientVersion + " (client), Hadoop "
                        + hadoopServerVersion + " (metastore side), Spark " + sparkVersion,
                "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    /** A value the build did not fill (no git, an unfiltered copy) reads {@code unknown}. */
    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? "unknown" : value;
    }

    /** Picocli's version provider for {@code strait --version}. */
    static final class Provider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return packaged().lines().toArray(String[]::new);
        }
    }
}
