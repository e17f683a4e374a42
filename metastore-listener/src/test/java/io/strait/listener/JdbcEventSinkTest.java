package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.event.StampedEvent;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.json.StraitJson;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingMariaDb;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcEventSinkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private TestingMariaDb store;

    @BeforeEach
    void createStore() {
        store = TestingMariaDb.create();
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void writtenEventsReadBackThroughTheEventLogInOrder() throws Exception {
        try (JdbcEventSink sink = sinkTo(store.jdbcUrl())) {
            sink.write(TestingEvents.stamped(1));
            sink.write(TestingEvents.stamped(2));
        }

        List<ReplicationEvent> events = new JdbcEventLog(store.dataSource(), Clock.systemUTC())
                .readAfter(TestingEvents.REGION, 0, 10);

        assertThat(events).extracting(ReplicationEvent::event)
                .containsExactly(TestingEvents.addPartition(1), TestingEvents.addPartition(2));
        assertThat(events.get(0).id()).isLessThan(events.get(1).id());
    }

    @Test
    void reconnectsAfterTheConnectionWasLost() throws Exception {
        try (JdbcEventSink sink = sinkTo(store.jdbcUrl())) {
            sink.write(TestingEvents.stamped(1));
            killOtherConnections();

            sink.write(TestingEvents.stamped(2));
        }

        assertThat(new JdbcEventLog(store.dataSource(), Clock.systemUTC()).readAfter(TestingEvents.REGION, 0, 10))
                .extracting(event -> TestingEvents.number(event.event())).containsExactly(1, 2);
    }

    @Test
    void failsWithinTheTimeoutWhenNothingAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            String url = "jdbc:mysql://127.0.0.1:" + silent.getLocalPort() + "/strait";
            try (JdbcEventSink sink = sinkTo(url)) {
                long started = System.nanoTime();
                StampedEvent event = TestingEvents.stamped(1);

                assertThatThrownBy(() -> sink.write(event)).isInstanceOf(SQLException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(2));
            }
        }
    }

    private JdbcEventSink sinkTo(String url) {
        return new JdbcEventSink(url, store.user(), store.password(), TIMEOUT, Clock.systemUTC(), new StraitJson());
    }

    /** Kills the sink's connection from the server side, as a server restart would. */
    private void killOtherConnections() throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '"
                    + store.databaseName() + "' AND id <> CONNECTION_ID()");
            List<Long> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            for (long id : ids) {
                statement.execute("KILL " + id);
            }
        }
    }
}
