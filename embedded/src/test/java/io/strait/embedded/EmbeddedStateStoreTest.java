package io.strait.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.StraitException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedStateStoreTest {
    @Test
    void startsAcceptsJdbcConnectionsAndStops() throws Exception {
        Path data = TestingDirectories.create("state-store");
        int port;
        try (EmbeddedStateStore store = EmbeddedStateStore.start(data, "strait_demo")) {
            port = store.port();
            assertThat(store.jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:" + port + "/strait_demo");
            try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE probe (id INT PRIMARY KEY, label VARCHAR(16))");
                statement.executeUpdate("INSERT INTO probe VALUES (7, 'seven')");
                try (ResultSet rows = statement.executeQuery("SELECT label, DATABASE() FROM probe WHERE id = 7")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("seven");
                    assertThat(rows.getString(2)).isEqualTo("strait_demo");
                }
                try (ResultSet rows = statement.executeQuery("SELECT @@datadir")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(Path.of(rows.getString(1)).toRealPath())
                            .as("the server keeps its data in the folder it was given")
                            .isEqualTo(data.resolve("data").toRealPath());
                }
            }
        }
        assertThat(PortProbe.answers(port)).as("port closed after close()").isFalse();
        assertThat(data.resolve("data/strait_demo")).isDirectory();
        assertThat(data.resolve("data/strait_demo/probe.frm")).as("the probe table's files are in the data folder")
                .isRegularFile();
    }

    @Test
    void rejectsAnInvalidDatabaseName() {
        assertThatThrownBy(() -> EmbeddedStateStore.start(TestingDirectories.create("bad"), "drop;me"))
                .isInstanceOf(StraitException.class)
                .hasMessageContaining("invalid database name 'drop;me'");
    }
}
