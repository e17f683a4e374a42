package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.capture.ObjectOrder.Planned;
import io.strait.common.capture.ObjectOrder.Verdict;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectOrderTest {
    private static EventOrderKey k(long notificationId, long version, long capturedAt, long eventId) {
        return new EventOrderKey(notificationId, version, capturedAt, eventId);
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // name, planned (null: none), incoming, verdict, source position when newer
                Arguments.of("nothing planned yet", null, k(0, 0, 100, 7), Verdict.NEWER, 7L),
                Arguments.of("the notification id decides over a later event id", new Planned(k(51, 0, 100, 20), 20),
                        k(50, 0, 200, 30), Verdict.STALE, 0L),
                Arguments.of("a newer notification id logged earlier is planned above the older",
                        new Planned(k(50, 0, 200, 30), 30), k(51, 0, 100, 20), Verdict.NEWER, 31L),
                Arguments.of("without notification ids the object version decides",
                        new Planned(k(0, 5_000, 100, 20), 20), k(0, 4_000, 300, 30), Verdict.STALE, 0L),
                Arguments.of("a newer object version logged later", new Planned(k(0, 4_000, 100, 20), 20),
                        k(0, 5_000, 90, 30), Verdict.NEWER, 30L),
                Arguments.of("equal versions: capture time decides", new Planned(k(0, 5_000, 100, 20), 20),
                        k(0, 5_000, 90, 30), Verdict.STALE, 0L),
                Arguments.of("unknown version on one side: capture time decides",
                        new Planned(k(0, 0, 100, 20), 20), k(0, 5_000, 101, 30), Verdict.NEWER, 30L),
                Arguments.of("one side without notification id: version decides",
                        new Planned(k(12, 5_000, 100, 20), 20), k(0, 6_000, 99, 30), Verdict.NEWER, 30L),
                Arguments.of("the same event again (delivered twice) is stale", new Planned(k(0, 0, 100, 20), 20),
                        k(0, 0, 100, 20), Verdict.STALE, 0L),
                Arguments.of("same capture time: event id decides", new Planned(k(0, 0, 100, 20), 20),
                        k(0, 0, 100, 21), Verdict.NEWER, 21L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void ordersTheEventsOfOneObject(String name, Planned planned, EventOrderKey incoming, Verdict verdict,
            long position) {
        assertThat(ObjectOrder.decide(planned, incoming)).isEqualTo(verdict);
        if (verdict == Verdict.NEWER) {
            assertThat(ObjectOrder.sourcePosition(planned, incoming)).as("source position").isEqualTo(position);
        }
    }

    @Test
    void theKeyTakesTheNotificationIdAndTheObjectsOwnLastDdlTime() {
        TableRef table = TableRef.of("db", "t");
        PartitionRef day1 = PartitionRef.of(table, List.of("1"));
        PartitionRef day2 = PartitionRef.of(table, List.of("2"));
        EventSnapshot snapshot = new EventSnapshot(null, null, List.of(
                new PartitionSnapshot(day1, "", List.of(), StorageFormat.NONE, Map.of("transient_lastDdlTime", "17")),
                new PartitionSnapshot(day2, "", List.of(), StorageFormat.NONE, Map.of())), null, List.of(),
                List.of());
        CapturedEvent event = new CapturedEvent(RegionId.of("a"), EventType.ADD_PARTITION, "db", "t", 900, null,
                snapshot, 44);

        assertThat(ObjectOrder.keyOf(5, event, ObjectRef.partition(day1))).isEqualTo(k(44, 17_000, 900, 5));
        assertThat(ObjectOrder.keyOf(5, event, ObjectRef.partition(day2))).isEqualTo(k(44, 0, 900, 5));
        assertThat(ObjectOrder.keyOf(5, event, ObjectRef.table(table))).as("the event shows no table")
                .isEqualTo(k(44, 0, 900, 5));
    }
}
