package io.strait.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.error.ErrorCategory;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorsTest {
    @ParameterizedTest(name = "SQLState {0} is {1}")
    @CsvSource({
        "08S01, EXTERNAL",
        "08001, EXTERNAL",
        "40001, EXTERNAL",
        "28000, USER_ERROR",
        "42000, INTERNAL",
        "23000, INTERNAL",
        "22001, INTERNAL",
        "HY000, INTERNAL"})
    void categoryFollowsTheSqlState(String sqlState, ErrorCategory expected) {
        assertThat(SqlErrors.categorize(new SQLException("boom", sqlState, 1))).isEqualTo(expected);
    }

    @Test
    void transientExceptionsAreExternalWhateverTheirState() {
        assertThat(SqlErrors.categorize(new SQLTransientConnectionException("pool timeout", "HY000")))
                .isEqualTo(ErrorCategory.EXTERNAL);
    }

    @Test
    void messageNamesTheActionTheReasonAndTheState() {
        assertThat(SqlErrors.toStrait("move job 7", new SQLException("Deadlock found", "40001", 1213)))
                .hasMessage("Cannot move job 7: Deadlock found (SQLState 40001, error 1213); the server rolled the"
                        + " transaction back (deadlock or lock wait timeout): retry");
    }
}
