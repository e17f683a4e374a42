package io.strait.scheduler.quartz;

import java.util.Properties;

/**
 * Quartz's settings for Strait: a clustered JDBC job store (JobStoreTX, StdJDBCDelegate, tables QRTZ_* created by
 * Strait's Flyway migrations) on the state store, through a HikariCP pool Quartz opens itself.
 *
 * @param schedulerName the Quartz scheduler name; processes with the same name and state store form one cluster
 * @param jdbcUrl the state store URL
 * @param user the state store user
 * @param password the state store password
 * @param threads Quartz worker threads (cycles of different links run in parallel)
 */
public record QuartzSettings(String schedulerName, String jdbcUrl, String user, String password, int threads) {
    /**
     * Quartz keeps data sources in one JVM-wide registry by name: each scheduler gets a name of its own, so that one
     * scheduler shutting down (say, a {@code strait run} inside a test or a demo) never closes another's pool.
     */
    private static final String DATA_SOURCE_PREFIX = "straitStore-";

    Properties toProperties() {
        String dataSource = DATA_SOURCE_PREFIX + java.util.UUID.randomUUID();
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        String prefix = "org.quartz.dataSource." + dataSource + ".";
        properties.setProperty(prefix + "provider", "hikaricp");
        properties.setProperty(prefix + "driver", "com.mysql.cj.jdbc.Driver");
        properties.setProperty(prefix + "URL", jdbcUrl);
        properties.setProperty(prefix + "user", user);
        properties.setProperty(prefix + "password", password);
        properties.setProperty(prefix + "maxConnections", Integer.toString(threads + 2));
        return properties;
    }
}
