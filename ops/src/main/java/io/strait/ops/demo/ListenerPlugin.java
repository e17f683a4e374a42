package io.strait.ops.demo;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import io.strait.listener.StraitMetastoreListener;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a metastore process needs to run Strait's listener: its classes (the listener and strait-common, from
 * Strait's own classpath; the metastore supplies Hive, Hadoop, Jackson and the JDBC driver) and its settings.
 */
public final class ListenerPlugin {
    private ListenerPlugin() {
    }

    public static List<Path> classpath() {
        return List.of(locationOf(StraitMetastoreListener.class), locationOf(RegionId.class)).stream()
                .distinct().toList();
    }

    public static Map<String, String> settings(RegionId region, String jdbcUrl, String user, String password, Path spool) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("metastore.event.listeners", StraitMetastoreListener.class.getName());
        settings.put("strait.region", region.name());
        settings.put("strait.store.jdbc-url", jdbcUrl);
        settings.put("strait.store.user", user);
        settings.put("strait.store.password", password);
        settings.put("strait.listener.spool-directory", spool.toString());
        return settings;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot locate the jar of " + type.getName(), e);
        }
    }
}
