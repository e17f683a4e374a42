package io.strait.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A MySQL or MariaDB database holding a metastore's schema, shared by every metastore process of a region (as in
 * production, where several metastore processes behind a load balancer use one backing database). The schema is
 * created by Hive's schema tool ({@code -dbType mysql}) when the first process starts; later processes find it.
 *
 * @param jdbcUrl {@code jdbc:mysql://host:port/database} (the database must exist)
 * @param user the database user
 * @param password the database password (not empty: the metastore replaces an empty one by its default)
 */
public record MetastoreDatabase(String jdbcUrl, String user, String password) {
    /** The MySQL Connector/J driver, on the metastore runtime's classpath (it also speaks to MariaDB). */
    public static final String DRIVER = "com.mysql.cj.jdbc.Driver";
    /** The schema tool's name for MySQL and MariaDB. */
    public static final String SCHEMA_TYPE = "mysql";

    public MetastoreDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the metastore database user " + user + " needs a password: the"
                    + " metastore reads an empty javax.jdo.option.ConnectionPassword as its default password");
        }
        if (!jdbcUrl.startsWith("jdbc:mysql:") && !jdbcUrl.startsWith("jdbc:mariadb:")) {
            throw new IllegalArgumentException("a metastore database URL starts with jdbc:mysql: or jdbc:mariadb:,"
                    + " got " + jdbcUrl);
        }
    }

    /** The metastore settings pointing the process at this database. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("javax.jdo.option.ConnectionURL", jdbcUrl);
        settings.put("javax.jdo.option.ConnectionDriverName", DRIVER);
        settings.put("javax.jdo.option.ConnectionUserName", user);
        settings.put("javax.jdo.option.ConnectionPassword", password);
        return settings;
    }
}
