package io.strait.sql;

import io.strait.common.error.StraitException;
import io.strait.common.retry.Retrier;
import io.strait.common.retry.RetryPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a connection of the state store's pool, in one transaction or with auto-commit. JDBC failures
 * become {@link StraitException}s reading {@code Cannot <action>: ...}; a failed transaction is rolled back.
 * A transaction the server rolled back because of a deadlock or a lock wait timeout (concurrent jobs writing their
 * manifests, say) is run again from the start, a few times, with a short backoff: it had no effect, so re-running
 * it is safe, and a compare-and-set inside it checks its versions again.
 */
public final class Transactions {
    private static final RetryPolicy CONFLICT_RETRIES = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(500));

    private final DataSource dataSource;
    private final Retrier conflictRetrier;

    public Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.conflictRetrier = new Retrier("state store transaction", CONFLICT_RETRIES, SqlErrors::isTransactionConflict);
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. The pool
     * restores auto-commit when the connection is returned.
     */
    public <T> T inTransaction(String action, SqlWork<T> work) {
        return conflictRetrier.call(() -> inTransactionOnce(action, work));
    }

    private <T> T inTransactionOnce(String action, SqlWork<T> work) {
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
