package io.strait.sql;

import io.strait.common.config.StoreUrlRule;
import io.strait.common.error.StraitException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * JDBC URLs of the state store: {@code jdbc:mysql://host[:port]/[database][?parameters]} (MySQL Connector/J; the
 * same URL works against MariaDB). Pure functions.
 */
public final class StoreUrls {
    public static final String PREFIX = StoreUrlRule.PREFIX;
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password[0-9]*=)[^&]*");

    private StoreUrls() {
    }

    /**
     * Throws a USER_ERROR {@link StraitException} unless {@code jdbcUrl} is a MySQL URL with a host; the rule and
     * its reasons are {@link StoreUrlRule}'s, the same as {@code strait config check}'s.
     */
    public static void validate(String jdbcUrl) {
        StoreUrlRule.serverProblem(jdbcUrl).ifPresent(reason -> {
            throw invalid(jdbcUrl, reason);
        });
    }

    /** The database part of {@code jdbcUrl}, empty when it names none. */
    public static String databaseOf(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path == null || path.length() <= 1 ? "" : path.substring(1);
    }

    /** {@code serverUrl} (with or without a database) pointed at {@code databaseName}, parameters kept. */
    public static String withDatabase(String serverUrl, String databaseName) {
        requireDatabaseName(databaseName);
        return replaceDatabase(serverUrl, databaseName);
    }

    /** {@code jdbcUrl} without its database (the server alone), parameters kept. */
    public static String serverOf(String jdbcUrl) {
        return replaceDatabase(jdbcUrl, "");
    }

    private static String replaceDatabase(String jdbcUrl, String databaseName) {
        validate(jdbcUrl);
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int pathStart = base.indexOf('/', PREFIX.length());
        String hostPart = pathStart < 0 ? base : base.substring(0, pathStart);
        return hostPart + "/" + databaseName + parameters;
    }

    /** {@code jdbcUrl} with the values of password parameters replaced by {@code ***}, for messages and logs. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl == null ? "null" : PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
    }

    /** Throws a USER_ERROR unless {@code databaseName} is 1-64 letters, digits or underscores. */
    public static String requireDatabaseName(String databaseName) {
        if (databaseName == null || !DATABASE_NAME.matcher(databaseName).matches()) {
            throw StraitException.userError("Cannot use database name '" + databaseName
                    + "': use 1 to 64 letters, digits or underscores");
        }
        return databaseName;
    }

    private static StraitException invalid(String jdbcUrl, String reason) {
        return StraitException.userError("Cannot use state store URL '" + redact(jdbcUrl) + "': " + reason
                + " (write " + StoreUrlRule.EXPECTED + ")");
    }
}
