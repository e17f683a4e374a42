package io.strait.sql;

import io.strait.common.error.StraitException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a connection of the state store's pool, in one transaction or with auto-commit. JDBC failures
 * become {@link StraitException}s reading {@code Cannot <action>: ...}; a failed transaction is rolled back.
 */
public final class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. The pool
     * restores auto-commit when the connection is returned.
     */
    public <T> T inTransaction(String action, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.toStrait(action, e);
        }
    }

    /** Runs {@code work} with auto-commit: for reads and single statements. */
    public <T> T withConnection(String action, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.toStrait(action, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
