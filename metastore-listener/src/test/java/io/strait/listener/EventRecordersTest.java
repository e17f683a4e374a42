package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.capture.ListenerStatus;
import io.strait.common.event.ReplicationEvent;
import io.strait.sql.listener.JdbcListenerHealth;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRecordersTest {
    @TempDir
    Path spool;

    @Test
    void aValidConfigurationRecordsIntoTheStateStore() {
        try (TestingMariaDb store = TestingMariaDb.create()) {
            ListenerConfig config = ListenerConfig.read(Map.of("strait.region", "region-a",
                    "strait.store.jdbc-url", store.jdbcUrl(), "strait.store.user", store.user(),
                    "strait.store.password", store.password(),
                    "strait.listener.spool-directory", spool.toString())::get);

            JdbcEventLog log = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
            JdbcListenerHealth health = new JdbcListenerHealth(store.dataSource(), Clock.systemUTC());
            try (EventRecorder recorder = EventRecorders.forConfig(config, Clock.systemUTC())) {
                recorder.record(TestingEvents.addPartition(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> !log.readAfter(TestingEvents.REGION, 0, 10)
                        .isEmpty() && health.instances("region-a", Duration.ofMinutes(3)).stream()
                        .anyMatch(instance -> instance.latestSeq() == 1 && instance.spoolDepth() == 0));
            }

            assertThat(log.readAfter(TestingEvents.REGION, 0, 10))
                    .extracting(ReplicationEvent::event).containsExactly(TestingEvents.addPartition(1));
            assertThat(health.instances("region-a", Duration.ofMinutes(3))).singleElement().satisfies(instance -> {
                        assertThat(instance.latestSeq()).isEqualTo(1);
                        assertThat(instance.spoolDepth()).isZero();
                        assertThat(instance.status()).isEqualTo(ListenerStatus.LIVE);
                    });
        }
    }

    @Test
    void anInvalidConfigurationSpoolsEverything() throws Exception {
        ListenerConfig config = ListenerConfig.read(Map.of("strait.region", "region-a",
                "strait.listener.spool-directory", spool.toString())::get);

        try (EventRecorder recorder = EventRecorders.forConfig(config, Clock.systemUTC())) {
            recorder.record(TestingEvents.addPartition(1));
            recorder.record(TestingEvents.addPartition(2));
        }

        assertThat(Files.readAllLines(spool.resolve(EventSpool.EVENTS_FILE))).hasSize(2);
    }

    @Test
    void anUnusableSpoolFolderFallsBackToATemporaryOne() throws Exception {
        Path notAFolder = Files.writeString(spool.resolve("file"), "x");
        ListenerConfig config = ListenerConfig.read(Map.of("strait.region", "region-a",
                "strait.listener.spool-directory", notAFolder.toString())::get);

        List<Path> before = temporarySpools();
        try (EventRecorder recorder = EventRecorders.forConfig(config, Clock.systemUTC())) {
            recorder.record(TestingEvents.addPartition(1));
        }

        List<Path> created = temporarySpools().stream().filter(folder -> !before.contains(folder)).toList();
        assertThat(created).hasSize(1);
        assertThat(Files.readAllLines(created.get(0).resolve(EventSpool.EVENTS_FILE))).hasSize(1);
        assertThat(Files.readString(notAFolder)).isEqualTo("x");
    }

    private static List<Path> temporarySpools() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("strait-spool-region-a-"))
                    .toList();
        }
    }

    @Test
    void redactsPasswordsInUrls() {
        assertThat(EventRecorders.redacted("jdbc:mysql://db/strait?user=a&password=secret&ssl=true"))
                .isEqualTo("jdbc:mysql://db/strait?user=a&password=***&ssl=true");
    }
}
