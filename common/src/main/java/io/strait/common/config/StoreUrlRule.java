package io.strait.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for state store JDBC URLs, shared by the configuration check and the commands that connect
 * ({@code migrate} among them): {@code jdbc:mysql://host[:port]/[database][?parameters]}. Strait ships MySQL
 * Connector/J, which speaks to MySQL and MariaDB alike; {@code jdbc:mariadb:} URLs (MariaDB Connector/J) are
 * refused with the same message everywhere. Pure.
 */
public final class StoreUrlRule {
    public static final String PREFIX = "jdbc:mysql://";
    public static final String EXPECTED = PREFIX + "<host>[:<port>]/<database>";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private StoreUrlRule() {
    }

    /** Why {@code jdbcUrl} cannot reach a state store server, or empty when it can. */
    public static Optional<String> serverProblem(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return Optional.of("it is empty");
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:")) {
            return Optional.of("jdbc:mariadb: URLs need MariaDB Connector/J, which Strait does not ship; MySQL"
                    + " Connector/J works with MariaDB too: write the same address as " + PREFIX + "...");
        }
        if (!jdbcUrl.startsWith(PREFIX)) {
            return Optional.of("it must start with " + PREFIX);
        }
        try {
            if (new URI(jdbcUrl.substring("jdbc:".length())).getHost() == null) {
                return Optional.of("it names no host");
            }
        } catch (URISyntaxException e) {
            return Optional.of(e.getReason());
        }
        return Optional.empty();
    }

    /** Why {@code jdbcUrl} cannot be Strait's state store (a server and a database), or empty when it can. */
    public static Optional<String> storeProblem(String jdbcUrl) {
        Optional<String> server = serverProblem(jdbcUrl);
        if (server.isPresent()) {
            return server;
        }
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        String database = path == null || path.length() <= 1 ? "" : path.substring(1);
        if (database.isEmpty()) {
            return Optional.of("it names no database");
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            return Optional.of("database name '" + database + "' is not 1 to 64 letters, digits or underscores");
        }
        return Optional.empty();
    }
}
