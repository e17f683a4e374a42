package io.strait.ops.demo;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a metastore process needs to run Strait's listener: its classes (the listener, strait-metastore-thrift,
 * strait-common and HdrHistogram, from Strait's own classpath; the metastore supplies Hive, Hadoop, Jackson and the JDBC driver) and its settings.
 */
public final class ListenerPlugin {
    private ListenerPlugin() {
    }

    /** The listener's class; it extends Hive's server classes, so it is named here, never loaded. */
    public static final String LISTENER_CLASS = "io.strait.listener.StraitMetastoreListener";
    /** The Thrift translation the listener uses; named, never loaded, like the listener. */
    private static final String TRANSLATION_CLASS = "io.strait.thrift.ThriftSnapshots";
    /** The listener's call time histograms (HdrHistogram, which the plugin jar ships relocated). */
    private static final String CALL_TIMES_CLASS = "org.HdrHistogram.Recorder";

    public static List<Path> classpath() {
        return List.of(locationOfResource(LISTENER_CLASS.replace('.', '/') + ".class"),
                locationOfResource(TRANSLATION_CLASS.replace('.', '/') + ".class"),
                locationOfResource(RegionId.class.getName().replace('.', '/') + ".class"),
                locationOfResource(CALL_TIMES_CLASS.replace('.', '/') + ".class")).stream().distinct().toList();
    }

    public static Map<String, String> settings(RegionId region, String jdbcUrl, String user, String password, Path spool) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("metastore.event.listeners", LISTENER_CLASS);
        settings.put("strait.region", region.name());
        settings.put("strait.store.jdbc-url", jdbcUrl);
        settings.put("strait.store.user", user);
        settings.put("strait.store.password", password);
        settings.put("strait.listener.spool-directory", spool.toString());
        return settings;
    }

    /** The jar or classes directory holding {@code resource} on Strait's own classpath. */
    private static Path locationOfResource(String resource) {
        URL url = ListenerPlugin.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot find " + resource + " on Strait's classpath:"
                    + " the strait-metastore-listener, strait-metastore-thrift, strait-common and HdrHistogram jars belong in"
                    + " lib/");
        }
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
            }
            Path file = Path.of(url.toURI());
            int depth = resource.split("/").length;
            for (int i = 0; i < depth; i++) {
                file = file.getParent();
            }
            return file;
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot locate " + resource + " (" + url + ")", e);
        }
    }
}
