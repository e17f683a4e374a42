package io.strait.embedded;

import io.strait.common.region.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of an embedded metastore on Derby in its work folder, and the configuration folder
 * ({@code metastore-site.xml}, logging) written from them. Settings given by the caller come last and win.
 */
final class MetastoreSettings {
    static final String DERBY_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";
    static final String DERBY_USER = "APP";
    static final String DERBY_PASSWORD = "mine";
    static final String SITE_FILE = "metastore-site.xml";

    private final Map<String, String> settings;

    private MetastoreSettings(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** Settings of a metastore whose Derby database and warehouses live in {@code workDirectory}. */
    static MetastoreSettings forRegion(Path workDirectory, Path managedRoot, Path externalRoot,
            Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("javax.jdo.option.ConnectionURL", derbyUrl(workDirectory));
        settings.put("javax.jdo.option.ConnectionDriverName", DERBY_DRIVER);
        settings.put("javax.jdo.option.ConnectionUserName", DERBY_USER);
        settings.put("javax.jdo.option.ConnectionPassword", DERBY_PASSWORD);
        settings.put("metastore.schema.verification", "true");
        settings.put("datanucleus.schema.autoCreateAll", "false");
        settings.put("metastore.warehouse.dir", uriOf(managedRoot));
        settings.put("metastore.warehouse.external.dir", uriOf(externalRoot));
        settings.put("metastore.metastore.event.db.notification.api.auth", "false");
        settings.put("hive.metastore.dml.events", "true");
        settings.put("metastore.dml.events", "true");
        settings.put("metastore.async.log.enabled", "false");
        settings.put("metastore.thrift.bind.host", PortProbe.HOST);
        settings.putAll(extra);
        return new MetastoreSettings(settings);
    }

    static String derbyUrl(Path workDirectory) {
        return "jdbc:derby:;databaseName=" + workDirectory.resolve("metastore_db") + ";create=true";
    }

    static String uriOf(Path directory) {
        return Locations.canonical(directory.toAbsolutePath().normalize().toUri().toString());
    }

    Map<String, String> asMap() {
        return settings;
    }

    String get(String key) {
        return settings.get(key);
    }

    /** Writes {@value #SITE_FILE} and the logging configuration into {@code confDirectory}. */
    void writeTo(Path confDirectory) {
        try {
            Files.createDirectories(confDirectory);
            Files.writeString(confDirectory.resolve(SITE_FILE), siteXml(), StandardCharsets.UTF_8);
            Files.writeString(confDirectory.resolve(LoggingConfig.FILE_NAME), LoggingConfig.text(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the metastore configuration into " + confDirectory, e);
        }
    }

    /**
     * Writes {@value #CORE_SITE_FILE} with {@code hadoop} into {@code confDirectory} (on the metastore's classpath,
     * read by every Hadoop configuration of the process); nothing when empty.
     */
    static void writeCoreSite(Path confDirectory, Map<String, String> hadoop) {
        Path coreSite = confDirectory.resolve(CORE_SITE_FILE);
        try {
            if (hadoop.isEmpty()) {
                Files.deleteIfExists(coreSite);
            } else {
                Files.writeString(coreSite, siteXml(new java.util.TreeMap<>(hadoop)), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + coreSite, e);
        }
    }

    static final String CORE_SITE_FILE = "core-site.xml";

    String siteXml() {
        return siteXml(settings);
    }

    private static String siteXml(Map<String, String> settings) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n");
        settings.forEach((key, value) -> xml.append("  <property><name>").append(escape(key))
                .append("</name><value>").append(escape(value)).append("</value></property>\n"));
        return xml.append("</configuration>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Log4j 2 configuration of the metastore process: INFO to standard output, noisy libraries at WARN. */
    static final class LoggingConfig {
        static final String FILE_NAME = "metastore-log4j2.properties";

        private LoggingConfig() {
        }

        static String text() {
            return String.join("\n",
                    "status = WARN",
                    "appender.console.type = Console",
                    "appender.console.name = console",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = %d{ISO8601} %-5p [%t] %c{2}: %m%n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.console.ref = console",
                    "logger.datanucleus.name = DataNucleus",
                    "logger.datanucleus.level = WARN",
                    "logger.datanucleusorg.name = org.datanucleus",
                    "logger.datanucleusorg.level = WARN",
                    "logger.hadoop.name = org.apache.hadoop.conf",
                    "logger.hadoop.level = WARN",
                    "");
        }
    }
}
