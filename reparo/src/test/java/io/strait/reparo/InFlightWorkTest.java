package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which objects of {@code sales.orders} each piece of work puts in flight. */
class InFlightWorkTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final List<String> DAY = List.of("2024-01-01");
    private static final List<String> OTHER_DAY = List.of("2024-01-02");

    /** Expected reasons of: the table itself, partition DAY, partition OTHER_DAY; null when not in flight. */
    static Stream<Arguments> work() {
        return Stream.of(
                Arguments.of("partition job", List.of(job(1, JobKind.SYNC_PARTITION, partition(DAY), JobState.COPYING)),
                        List.of(), null, "job 1 SYNC_PARTITION COPYING", null),
                Arguments.of("table job", List.of(job(2, JobKind.SYNC_TABLE, table(), JobState.PENDING)), List.of(),
                        "job 2 SYNC_TABLE PENDING", null, null),
                Arguments.of("drop of the table: every object", List.of(job(3, JobKind.DROP_TABLE, table(),
                        JobState.PLANNED)), List.of(), "job 3 DROP_TABLE PLANNED", "job 3 DROP_TABLE PLANNED",
                        "job 3 DROP_TABLE PLANNED"),
                Arguments.of("database job", List.of(job(4, JobKind.SYNC_DATABASE, ObjectRef.database("sales"),
                        JobState.RETRY_WAIT)), List.of(), "job 4 SYNC_DATABASE RETRY_WAIT (database sales)", null,
                        null),
                Arguments.of("other table's job", List.of(job(5, JobKind.SYNC_PARTITION, new ObjectRef("sales",
                        "customers", DAY), JobState.COPYING)), List.of(), null, null, null),
                Arguments.of("other database's job", List.of(job(6, JobKind.SYNC_DATABASE, ObjectRef.database("hr"),
                        JobState.COPYING)), List.of(), null, null, null),
                Arguments.of("insert event", List.of(), List.of(event(7, EventType.INSERT, "orders", DAY)), null,
                        "event 7 INSERT not yet replicated", null),
                Arguments.of("add partitions event", List.of(), List.of(event(8, EventType.ADD_PARTITION, "orders",
                        DAY, OTHER_DAY)), null, "event 8 ADD_PARTITION not yet replicated",
                        "event 8 ADD_PARTITION not yet replicated"),
                Arguments.of("unpartitioned insert", List.of(), List.of(event(9, EventType.INSERT, "orders")),
                        "event 9 INSERT not yet replicated", null, null),
                Arguments.of("alter table", List.of(), List.of(event(10, EventType.ALTER_TABLE, "orders")),
                        "event 10 ALTER_TABLE not yet replicated", null, null),
                Arguments.of("create table: every object", List.of(), List.of(event(11, EventType.CREATE_TABLE,
                        "orders")), "event 11 CREATE_TABLE not yet replicated",
                        "event 11 CREATE_TABLE not yet replicated", "event 11 CREATE_TABLE not yet replicated"),
                Arguments.of("database event", List.of(), List.of(event(12, EventType.ALTER_DATABASE, "")),
                        "event 12 ALTER_DATABASE not yet replicated (database sales)", null, null),
                Arguments.of("other table's event", List.of(), List.of(event(13, EventType.INSERT, "customers", DAY)),
                        null, null, null),
                Arguments.of("rename to the table: every object", List.of(rename(16, TableRef.of("hr", "old_orders"),
                        ORDERS)), List.of(), "job 16 RENAME_TABLE PENDING (hr.old_orders to sales.orders)",
                        "job 16 RENAME_TABLE PENDING (hr.old_orders to sales.orders)",
                        "job 16 RENAME_TABLE PENDING (hr.old_orders to sales.orders)"),
                Arguments.of("rename from the table: every object", List.of(rename(17, ORDERS,
                        TableRef.of("hr", "orders"))), List.of(), "job 17 RENAME_TABLE PENDING (sales.orders to"
                        + " hr.orders)", "job 17 RENAME_TABLE PENDING (sales.orders to hr.orders)",
                        "job 17 RENAME_TABLE PENDING (sales.orders to hr.orders)"),
                Arguments.of("rename of other tables", List.of(rename(18, TableRef.of("sales", "a"),
                        TableRef.of("sales", "b"))), List.of(), null, null, null),
                Arguments.of("job and event on one partition", List.of(job(14, JobKind.SYNC_PARTITION,
                        partition(DAY), JobState.COPIED)), List.of(event(15, EventType.ALTER_PARTITION, "orders",
                        DAY)), null, "job 14 SYNC_PARTITION COPIED; event 15 ALTER_PARTITION not yet replicated",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("work")
    void putsTheRightObjectsInFlight(String name, List<ReplicationJob> jobs, List<ReplicationEvent> events,
            String table, String day, String otherDay) {
        InFlight inFlight = InFlightWork.of(ORDERS, jobs, events);

        assertThat(inFlight.reason(List.of())).isEqualTo(Optional.ofNullable(table));
        assertThat(inFlight.reason(DAY)).isEqualTo(Optional.ofNullable(day));
        assertThat(inFlight.reason(OTHER_DAY)).isEqualTo(Optional.ofNullable(otherDay));
        assertThat(inFlight.isEmpty()).isEqualTo(table == null && day == null && otherDay == null);
    }

    private static ObjectRef table() {
        return ObjectRef.table(ORDERS);
    }

    private static ObjectRef partition(List<String> values) {
        return ObjectRef.partition(PartitionRef.of(ORDERS, values));
    }

    private static ReplicationJob job(long id, JobKind kind, ObjectRef object, JobState state) {
        return new ReplicationJob(id, "a-to-b", kind, object, state, 1, 100, 1, 1, "", "", 1, 1, 0,
                io.strait.common.job.JobOrigin.EVENT);
    }

    private static ReplicationJob rename(long id, TableRef from, TableRef to) {
        return new ReplicationJob(id, "a-to-b", JobKind.RENAME_TABLE, ObjectRef.table(to), JobState.PENDING, 1, 100, 1,
                1, "", "", 1, 1, 0, io.strait.common.job.JobOrigin.EVENT, from);
    }

    @SafeVarargs
    private static ReplicationEvent event(long id, EventType type, String table, List<String>... partitions) {
        List<PartitionSnapshot> snapshots = Stream.of(partitions).map(values -> new PartitionSnapshot(
                PartitionRef.of(ORDERS, values), "file:/a/" + values.get(0), StorageFormat.PARQUET, Map.of()))
                .toList();
        EventSnapshot snapshot = new EventSnapshot(null, null, snapshots, null, List.of(), List.of());
        return new ReplicationEvent(id, new CapturedEvent(RegionId.of("a"), type, "sales", table, 1,
                CapturedEvent.ORIGIN_WRITER, snapshot));
    }
}
