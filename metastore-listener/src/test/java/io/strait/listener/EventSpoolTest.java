package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.StraitException;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {
    private final StraitJson json = new StraitJson();
    @TempDir
    Path directory;

    @Test
    void appendedEventsAreOnDiskAsJsonLinesBeforeAppendReturns() throws IOException {
        try (EventSpool spool = EventSpool.open(directory, json)) {
            spool.append(TestingEvents.stamped(1));
            spool.append(TestingEvents.stamped(2));

            List<String> lines = Files.readAllLines(directory.resolve(EventSpool.EVENTS_FILE));
            assertThat(lines).hasSize(2);
            assertThat(json.read(lines.get(1), StampedEvent.class)).isEqualTo(TestingEvents.stamped(2));
        }
    }

    @Test
    void headComesOutInAppendOrder() {
        try (EventSpool spool = EventSpool.open(directory, json)) {
            for (int number = 1; number <= 5; number++) {
                spool.append(TestingEvents.stamped(number));
            }

            assertThat(drain(spool)).containsExactly(1, 2, 3, 4, 5);
            assertThat(spool.isEmpty()).isTrue();
        }
    }

    @Test
    void aJournalReplaysFromItsLastCheckpointAndIsCutOnceEverythingReachedTheStore() throws IOException {
        try (EventSpool journal = EventSpool.open(directory, json)) {
            for (int number = 1; number <= 5; number++) {
                journal.journal(List.of(TestingEvents.stamped(number)));
            }
            journal.removeFirstLazily(2);
            journal.sync(journal.checkpoint());
            journal.removeFirstLazily(1); // in the store, but not checkpointed: replayed again (kept once there)
        }

        try (EventSpool reopened = EventSpool.open(directory, json)) {
            assertThat(drainLazily(reopened)).containsExactly(3, 4, 5);
            reopened.sync(reopened.checkpoint());
            assertThat(Files.size(directory.resolve(EventSpool.EVENTS_FILE))).isZero();
            reopened.journal(List.of(TestingEvents.stamped(6)));
        }

        try (EventSpool reopened = EventSpool.open(directory, json)) {
            assertThat(drainLazily(reopened)).containsExactly(6);
        }
    }

    private static List<Integer> drainLazily(EventSpool spool) {
        List<Integer> numbers = new ArrayList<>();
        while (!spool.isEmpty()) {
            numbers.add(TestingEvents.number(spool.peek().orElseThrow()));
            spool.removeFirstLazily(1);
        }
        return numbers;
    }

    @Test
    void aReopenedSpoolReplaysOnlyWhatWasNotReplayedInOrder() {
        try (EventSpool spool = EventSpool.open(directory, json)) {
            for (int number = 1; number <= 4; number++) {
                spool.append(TestingEvents.stamped(number));
            }
            spool.removeFirst();
        }

        try (EventSpool reopened = EventSpool.open(directory, json)) {
            assertThat(reopened.size()).isEqualTo(3);
            reopened.append(TestingEvents.stamped(5));
            assertThat(drain(reopened)).containsExactly(2, 3, 4, 5);
        }
    }

    @Test
    void aFullyReplayedSpoolIsTruncated() throws IOException {
        try (EventSpool spool = EventSpool.open(directory, json)) {
            spool.append(TestingEvents.stamped(1));
            spool.removeFirst();
        }

        assertThat(Files.size(directory.resolve(EventSpool.EVENTS_FILE))).isZero();
        try (EventSpool reopened = EventSpool.open(directory, json)) {
            assertThat(reopened.isEmpty()).isTrue();
        }
    }

    @Test
    void aLineTornByACrashIsCutAndLaterAppendsStayReadable() throws IOException {
        try (EventSpool spool = EventSpool.open(directory, json)) {
            spool.append(TestingEvents.stamped(1));
        }
        Files.writeString(directory.resolve(EventSpool.EVENTS_FILE), "{\"sourceRegion\":{\"na",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (EventSpool reopened = EventSpool.open(directory, json)) {
            reopened.append(TestingEvents.stamped(2));
        }
        try (EventSpool again = EventSpool.open(directory, json)) {
            assertThat(drain(again)).containsExactly(1, 2);
        }
    }

    @Test
    void aFolderServesOneSpoolAtATime() {
        try (EventSpool spool = EventSpool.open(directory, json)) {
            assertThatThrownBy(() -> EventSpool.open(directory, json))
                    .isInstanceOf(StraitException.class)
                    .hasMessageContaining("another metastore process (or listener) uses it");
        }
        EventSpool.open(directory, json).close();
    }

    private static List<Integer> drain(EventSpool spool) {
        List<Integer> numbers = new ArrayList<>();
        while (spool.peek().isPresent()) {
            numbers.add(TestingEvents.number(spool.peek().get()));
            spool.removeFirst();
        }
        return numbers;
    }
}
