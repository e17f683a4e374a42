package io.strait.sql;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Turns JDBC failures into categorised {@link StraitException}s. Pure. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * The category of a JDBC failure: connection problems, timeouts and deadlocks are EXTERNAL (often transient),
     * rejected credentials are USER_ERROR, everything else (syntax, constraints, data) is INTERNAL: a bug.
     */
    public static ErrorCategory categorize(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return ErrorCategory.USER_ERROR;
        }
        if (state.startsWith("08") || state.startsWith("40") || e instanceof SQLTransientException
                || e instanceof SQLRecoverableException) {
            return ErrorCategory.EXTERNAL;
        }
        return ErrorCategory.INTERNAL;
    }

    /** {@code Cannot <action>: <reason> (SQLState ..., error ...)}, categorised by {@link #categorize}. */
    public static StraitException toStrait(String action, SQLException e) {
        ErrorCategory category = categorize(e);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint = switch (category) {
            case EXTERNAL -> state.startsWith("40") ? "; the server rolled the transaction back (deadlock or lock"
                    + " wait timeout): retry" : "; check that the state store is running and reachable, then retry";
            case USER_ERROR -> "; check the state store user and password";
            case INTERNAL -> "";
        };
        return new StraitException(category, String.format("Cannot %s: %s (SQLState %s, error %d)%s",
                action, e.getMessage(), e.getSQLState(), e.getErrorCode(), hint), e);
    }

    /**
     * True for a failure whose transaction the server rolled back to resolve a conflict between transactions:
     * deadlock (MySQL error 1213, SQLState 40001) or lock wait timeout (error 1205). Such a transaction had no
     * effect and can be run again.
     */
    public static boolean isTransactionConflict(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof SQLException sql && ("40001".equals(sql.getSQLState())
                    || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
