package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventType;
import io.strait.common.metastore.NotificationEntry;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.region.RegionId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationCrossCheckTest {
    private static NotificationEntry n(long id, long time, String type) {
        return new NotificationEntry(id, time, type, "db", "t", "{}", "json-0.2");
    }

    private static SequenceRange r(long first, long last) {
        return new SequenceRange(first, last);
    }

    static Stream<Arguments> checks() {
        return Stream.of(
                // name, checked through, entries, recorded, settled before, missing ids, expired, checked through
                Arguments.of("everything recorded", 10L, List.of(n(11, 5, "ADD_PARTITION"), n(12, 5, "INSERT")),
                        Set.of(11L, 12L), 100L, List.of(), List.of(), 12L),
                Arguments.of("a captured type not recorded is missing", 10L, List.of(n(11, 5, "ADD_PARTITION"),
                        n(12, 5, "DROP_PARTITION")), Set.of(11L), 100L, List.of(12L), List.of(), 12L),
                Arguments.of("a column statistics change not recorded is missing", 10L,
                        List.of(n(11, 5, "UPDATE_PARTITION_COLUMN_STAT"), n(12, 5, "DELETE_TABLE_COLUMN_STAT")),
                        Set.of(12L), 100L, List.of(11L), List.of(), 12L),
                Arguments.of("types Strait does not capture are passed", 10L, List.of(n(11, 5, "OPEN_TXN"),
                        n(12, 5, "COMMIT_TXN"), n(13, 5, "CREATE_FUNCTION")), Set.of(), 100L, List.of(), List.of(),
                        13L),
                Arguments.of("entries not settled yet wait", 10L, List.of(n(11, 5, "ADD_PARTITION"),
                        n(12, 200, "ADD_PARTITION"), n(13, 5, "ADD_PARTITION")), Set.of(), 100L, List.of(11L),
                        List.of(), 11L),
                Arguments.of("ids gone from the log and not recorded expired", 10L,
                        List.of(n(16, 5, "ADD_PARTITION")), Set.of(12L, 13L, 16L), 100L, List.of(),
                        List.of(r(11, 11), r(14, 15)), 16L),
                Arguments.of("ids gone from the log but recorded are no loss", 10L,
                        List.of(n(13, 5, "ALTER_TABLE")), Set.of(11L, 12L, 13L), 100L, List.of(), List.of(), 13L),
                Arguments.of("an empty page checks nothing", 10L, List.of(), Set.of(), 100L, List.of(), List.of(),
                        10L),
                Arguments.of("changes in another catalog than hive are not the listeners' to record", 10L,
                        List.of(inCatalog(11, "spark"), inCatalog(12, "HIVE"), inCatalog(13, ""), inCatalog(14, null)),
                        Set.of(), 100L, List.of(12L, 13L, 14L), List.of(), 14L));
    }

    private static NotificationEntry inCatalog(long id, String catalog) {
        return new NotificationEntry(id, 5, "ADD_PARTITION", "db", "t", "{}", "json-0.2", catalog);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void comparesTheLogWithWhatTheListenersRecorded(String name, long checkedThrough, List<NotificationEntry> entries,
            Set<Long> recorded, long settledBefore, List<Long> missing, List<SequenceRange> expired, long through) {
        NotificationCrossCheck.Check check = NotificationCrossCheck.check(checkedThrough, entries, recorded,
                settledBefore);

        assertThat(check.missing()).extracting(NotificationEntry::id).as("missing").isEqualTo(missing);
        assertThat(check.expired()).as("expired").isEqualTo(expired);
        assertThat(check.checkedThrough()).as("checked through").isEqualTo(through);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                // name, type, message, partition values (empty optional: unreadable)
                Arguments.of("an add names its partitions", "ADD_PARTITION",
                        "{\"partitions\":[{\"ds\":\"2024-01-01\",\"h\":\"1\"},{\"ds\":\"2024-01-02\",\"h\":\"2\"}]}",
                        Optional.of(List.of(List.of("2024-01-01", "1"), List.of("2024-01-02", "2")))),
                Arguments.of("a drop names its partitions", "DROP_PARTITION", "{\"partitions\":[{\"ds\":\"d\"}]}",
                        Optional.of(List.of(List.of("d")))),
                Arguments.of("an alter names its key values", "ALTER_PARTITION", "{\"keyValues\":{\"ds\":\"d\"}}",
                        Optional.of(List.of(List.of("d")))),
                Arguments.of("an insert names its partition in Thrift JSON", "INSERT",
                        "{\"ptnObjJson\":\"{\\\"1\\\":{\\\"lst\\\":[\\\"str\\\",1,\\\"d\\\"]}}\"}",
                        Optional.of(List.of(List.of("d")))),
                Arguments.of("an insert into an unpartitioned table", "INSERT", "{\"files\":[]}",
                        Optional.of(List.of())),
                Arguments.of("a table event names no partition", "CREATE_TABLE", "{}", Optional.of(List.of())),
                Arguments.of("an unreadable message", "ADD_PARTITION", "not json", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsThePartitionsAMessageNames(String name, String type, String message,
            Optional<List<List<String>>> values) {
        assertThat(NotificationMessages.partitionValues(new NotificationEntry(1, 1, type, "db", "t", message,
                "json-0.2"))).isEqualTo(values);
    }

    @Test
    void readsGzipMessagesAndRecoversTheEvent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"partitions\":[{\"ds\":\"2024-01-02\"}]}".getBytes(StandardCharsets.UTF_8));
        }
        NotificationEntry entry = new NotificationEntry(77, 1_700_000_000L, "ADD_PARTITION", "DB", "T",
                Base64.getEncoder().encodeToString(bytes.toByteArray()), "gzip(json-2.0)");

        CapturedEvent event = RecoveredEvents.of(RegionId.of("a"), entry, null).orElseThrow();

        assertThat(event.type()).isEqualTo(EventType.ADD_PARTITION);
        assertThat(event.notificationId()).isEqualTo(77);
        assertThat(event.capturedAtMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(event.snapshot().partitions()).extracting(PartitionSnapshot::ref)
                .extracting(Object::toString).containsExactly("db.t/2024-01-02");
    }

    @Test
    void aRenameIsNotReadBackButRepaired() {
        String before = "{\\\"1\\\":{\\\"str\\\":\\\"old\\\"},\\\"2\\\":{\\\"str\\\":\\\"db\\\"}}";
        NotificationEntry entry = new NotificationEntry(5, 1, "ALTER_TABLE", "db", "t",
                "{\"tableObjBeforeJson\":\"" + before + "\"}", "json-0.2");

        assertThat(RecoveredEvents.of(RegionId.of("a"), entry, null)).isEmpty();
        assertThat(NotificationMessages.renamedFrom(entry)).hasValueSatisfying(previous ->
                assertThat(previous.toString()).isEqualTo("db.old"));
    }

    @Test
    void aRenamedPartitionIsReadBackUnderItsNewValuesWithItsOldOnesBeforeIt() {
        String after = "{\\\"1\\\":{\\\"lst\\\":[\\\"str\\\",1,\\\"2024-01-09\\\"]}}";
        NotificationEntry rename = new NotificationEntry(8, 1, "ALTER_PARTITION", "db", "t",
                "{\"keyValues\":{\"ds\":\"2024-01-01\"},\"partitionObjAfterJson\":\"" + after + "\"}", "json-0.2");
        NotificationEntry alter = new NotificationEntry(9, 1, "ALTER_PARTITION", "db", "t",
                "{\"keyValues\":{\"ds\":\"2024-01-09\"},\"partitionObjAfterJson\":\"" + after + "\"}", "json-0.2");

        CapturedEvent renamed = RecoveredEvents.of(RegionId.of("a"), rename, null).orElseThrow();
        CapturedEvent altered = RecoveredEvents.of(RegionId.of("a"), alter, null).orElseThrow();

        assertThat(renamed.snapshot().partitions()).extracting(p -> p.ref().toString())
                .containsExactly("db.t/2024-01-09");
        assertThat(renamed.snapshot().previousPartitions()).extracting(p -> p.ref().toString())
                .containsExactly("db.t/2024-01-01");
        assertThat(altered.snapshot().partitions()).extracting(p -> p.ref().toString())
                .containsExactly("db.t/2024-01-09");
        assertThat(altered.snapshot().previousPartitions()).isEmpty();
    }

    @Test
    void aColumnStatisticsChangeIsNotReadBackButRepaired() {
        NotificationEntry entry = new NotificationEntry(6, 1, "UPDATE_PARTITION_COLUMN_STAT", "db", "t",
                "{\"partVals\":[\"2024-01-01\"]}", "json-0.2");

        assertThat(RecoveredEvents.of(RegionId.of("a"), entry, null)).isEmpty();
    }
}
