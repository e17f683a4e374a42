package io.strait.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoreUrlsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://127.0.0.1:3306/          | strait | jdbc:mysql://127.0.0.1:3306/strait",
        "jdbc:mysql://127.0.0.1:3306           | strait | jdbc:mysql://127.0.0.1:3306/strait",
        "jdbc:mysql://db.example:3306/other    | strait | jdbc:mysql://db.example:3306/strait",
        "jdbc:mysql://h/?useSSL=false&a=b      | s_1    | jdbc:mysql://h/s_1?useSSL=false&a=b",
        "jdbc:mysql://h:1/old?connectTimeout=9 | s      | jdbc:mysql://h:1/s?connectTimeout=9"})
    void withDatabase(String serverUrl, String database, String expected) {
        assertThat(StoreUrls.withDatabase(serverUrl, database)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://h:3306/strait?x=y | jdbc:mysql://h:3306/?x=y | strait",
        "jdbc:mysql://h:3306/           | jdbc:mysql://h:3306/     | ''",
        "jdbc:mysql://h                 | jdbc:mysql://h/          | ''"})
    void serverAndDatabaseOf(String url, String server, String database) {
        assertThat(StoreUrls.serverOf(url)).isEqualTo(server);
        assertThat(StoreUrls.databaseOf(url)).isEqualTo(database);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://h/s?user=u&password=secret&x=1 | jdbc:mysql://h/s?user=u&password=***&x=1",
        "jdbc:mysql://h/s?PASSWORD=secret            | jdbc:mysql://h/s?PASSWORD=***",
        "jdbc:mysql://h/s?password1=a&password2=b    | jdbc:mysql://h/s?password1=***&password2=***",
        "jdbc:mysql://h/s                            | jdbc:mysql://h/s"})
    void redactHidesPasswords(String url, String redacted) {
        assertThat(StoreUrls.redact(url)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mysql://h/s", "jdbc:mariadb://h/s", "jdbc:postgresql://h/s", "jdbc:mysql://",
        "jdbc:mysql://h:port/s", "jdbc:mysql://h/ s"})
    void malformedUrlsAreUserErrors(String url) {
        assertThatThrownBy(() -> StoreUrls.validate(url)).isInstanceOfSatisfying(StraitException.class,
                e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageStartingWith("Cannot use state store URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "strait-test", "a;drop", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "na`me"})
    void unsafeDatabaseNamesAreRefused(String name) {
        assertThatThrownBy(() -> StoreUrls.requireDatabaseName(name)).isInstanceOf(StraitException.class)
                .hasMessageContaining("letters, digits or underscores");
    }
}
