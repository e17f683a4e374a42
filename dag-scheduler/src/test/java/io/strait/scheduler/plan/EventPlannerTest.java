package io.strait.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.TableFilter;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.JobKind;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventPlannerTest {
    private static final TableRef SALES = TableRef.of("shop", "sales");
    private static final TableSnapshot TABLE = new TableSnapshot(SALES, "EXTERNAL_TABLE", "file:/a/ext/shop/sales",
            List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
            Map.of(), "etl");
    private final EventPlanner planner = new EventPlanner("a-to-b", new TableFilter(List.of("shop.*"), List.of("shop.tmp_*")));

    private static PartitionSnapshot partition(String value) {
        return new PartitionSnapshot(PartitionRef.of(SALES, List.of(value)), "file:/a/ext/shop/sales/ds=" + value,
                StorageFormat.PARQUET, Map.of());
    }

    private static ReplicationEvent event(EventType type, String table, EventSnapshot snapshot, String origin) {
        return new ReplicationEvent(42, new CapturedEvent(RegionId.of("a"), type, "shop", table, 1000, origin, snapshot));
    }

    static Stream<Arguments> cases() {
        EventSnapshot twoPartitions = EventSnapshot.ofPartitions(TABLE, List.of(partition("1"), partition("2")));
        return Stream.of(
                Arguments.of(EventType.CREATE_DATABASE, "", EventSnapshot.ofTable(null), List.of(JobKind.SYNC_DATABASE)),
                Arguments.of(EventType.DROP_DATABASE, "", EventSnapshot.ofTable(null), List.of(JobKind.DROP_DATABASE)),
                Arguments.of(EventType.CREATE_TABLE, "sales", EventSnapshot.ofTable(TABLE), List.of(JobKind.SYNC_TABLE)),
                Arguments.of(EventType.ALTER_TABLE, "sales", EventSnapshot.ofTable(TABLE), List.of(JobKind.SYNC_TABLE)),
                Arguments.of(EventType.DROP_TABLE, "sales", EventSnapshot.ofTable(TABLE), List.of(JobKind.DROP_TABLE)),
                Arguments.of(EventType.ADD_PARTITION, "sales", twoPartitions,
                        List.of(JobKind.SYNC_PARTITION, JobKind.SYNC_PARTITION)),
                Arguments.of(EventType.ALTER_PARTITION, "sales", twoPartitions,
                        List.of(JobKind.SYNC_PARTITION, JobKind.SYNC_PARTITION)),
                Arguments.of(EventType.DROP_PARTITION, "sales", twoPartitions,
                        List.of(JobKind.DROP_PARTITION, JobKind.DROP_PARTITION)),
                Arguments.of(EventType.INSERT, "sales", EventSnapshot.ofPartitions(TABLE, List.of(partition("1"))),
                        List.of(JobKind.SYNC_PARTITION)),
                Arguments.of(EventType.INSERT, "sales", EventSnapshot.ofTable(TABLE), List.of(JobKind.SYNC_TABLE)),
                Arguments.of(EventType.COLUMN_STATISTICS, "sales",
                        EventSnapshot.ofPartitions(TABLE, List.of(partition("1"))), List.of(JobKind.SYNC_PARTITION)),
                Arguments.of(EventType.COLUMN_STATISTICS, "sales", EventSnapshot.ofTable(TABLE),
                        List.of(JobKind.SYNC_TABLE)),
                Arguments.of(EventType.CONSTRAINTS, "sales", EventSnapshot.ofTable(null), List.of(JobKind.SYNC_TABLE)),
                Arguments.of(EventType.CONSTRAINTS, "tmp_x", EventSnapshot.ofTable(null), List.of()),
                Arguments.of(EventType.CREATE_TABLE, "tmp_x", EventSnapshot.ofTable(TABLE), List.of()));
    }

    @ParameterizedTest(name = "{0} on {1} -> {3}")
    @MethodSource("cases")
    void eachEventTypeBecomesTheJobsItNeeds(EventType type, String table, EventSnapshot snapshot, List<JobKind> kinds) {
        List<NewJob> jobs = planner.plan(event(type, table, snapshot, CapturedEvent.ORIGIN_WRITER));

        assertThat(jobs).extracting(NewJob::kind).containsExactlyElementsOf(kinds);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.sourceEventId()).isEqualTo(42);
            assertThat(job.sourceCapturedAtMillis()).isEqualTo(1000);
            assertThat(job.link()).isEqualTo("a-to-b");
        });
    }

    @Test
    void partitionJobsAddressEachPartition() {
        List<NewJob> jobs = planner.plan(event(EventType.ADD_PARTITION, "sales",
                EventSnapshot.ofPartitions(TABLE, List.of(partition("1"), partition("2"))), CapturedEvent.ORIGIN_WRITER));

        assertThat(jobs).extracting(job -> job.object().partitionValues()).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void changesStraitMadeItselfAreNotReplicatedBack() {
        assertThat(planner.plan(event(EventType.CREATE_TABLE, "sales", EventSnapshot.ofTable(TABLE),
                CapturedEvent.ORIGIN_STRAIT))).isEmpty();
    }

    /**
     * A rename of {@code from} to {@code to} (the new table carrying two partitions): the jobs planned, as
     * "KIND object" (a rename also names its previous name).
     */
    static Stream<Arguments> renames() {
        return Stream.of(
                // both names selected: renamed in place, no partition synced again
                Arguments.of("sales_old", "sales", List.of("RENAME_TABLE shop.sales from shop.sales_old")),
                // renamed out of the selection: the old replica is dropped
                Arguments.of("sales", "tmp_sales", List.of("DROP_TABLE shop.sales")),
                // renamed into the selection: synced under the new name with every partition the event carries
                Arguments.of("tmp_sales", "sales", List.of("SYNC_TABLE shop.sales", "SYNC_PARTITION shop.sales/1",
                        "SYNC_PARTITION shop.sales/2")),
                // neither name selected: nothing
                Arguments.of("tmp_a", "tmp_b", List.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("renames")
    void aRenameIsPlannedByWhichOfItsNamesTheLinkSelects(String from, String to, List<String> expected) {
        TableRef newName = TableRef.of("shop", to);
        TableSnapshot renamed = new TableSnapshot(newName, "EXTERNAL_TABLE", "file:/a/ext/shop/" + to,
                TABLE.columns(), TABLE.partitionKeys(), StorageFormat.PARQUET, Map.of(), "etl");
        TableSnapshot old = new TableSnapshot(TableRef.of("shop", from), "EXTERNAL_TABLE", "", List.of(),
                List.of(), null, Map.of(), "");
        List<PartitionSnapshot> partitions = List.of("1", "2").stream().map(value -> new PartitionSnapshot(
                PartitionRef.of(newName, List.of(value)), "", StorageFormat.PARQUET, Map.of())).toList();
        EventSnapshot rename = new EventSnapshot(null, renamed, partitions, old, List.of(), List.of());

        List<NewJob> jobs = planner.plan(event(EventType.ALTER_TABLE, to, rename, CapturedEvent.ORIGIN_WRITER));

        assertThat(jobs).extracting(job -> job.kind() + " " + job.object()
                + (job.renamedFrom() == null ? "" : " from " + job.renamedFrom())).containsExactlyElementsOf(expected);
        assertThat(jobs).allSatisfy(job -> assertThat(job.sourceEventId()).isEqualTo(42));
    }

    @Test
    void aRenamedPartitionIsSyncedUnderItsNewValuesAndItsOldReplicaDropped() {
        EventSnapshot rename = new EventSnapshot(null, TABLE, List.of(partition("2024-01-02")), null,
                List.of(partition("2024-01-01")), List.of());
        EventSnapshot alter = new EventSnapshot(null, TABLE, List.of(partition("2024-01-01")), null,
                List.of(partition("2024-01-01")), List.of());

        assertThat(planner.plan(event(EventType.ALTER_PARTITION, "sales", rename, CapturedEvent.ORIGIN_WRITER)))
                .extracting(job -> job.kind() + " " + job.object())
                .containsExactly("SYNC_PARTITION shop.sales/2024-01-02", "DROP_PARTITION shop.sales/2024-01-01");
        assertThat(planner.plan(event(EventType.ALTER_PARTITION, "sales", alter, CapturedEvent.ORIGIN_WRITER)))
                .extracting(job -> job.kind() + " " + job.object())
                .containsExactly("SYNC_PARTITION shop.sales/2024-01-01");
        assertThat(planner.plan(event(EventType.ALTER_PARTITION, "tmp_sales", rename, CapturedEvent.ORIGIN_WRITER)))
                .isEmpty();
    }

    @Test
    void anAlterThatIsNoRenameSyncsTheTableOnly() {
        EventSnapshot alter = new EventSnapshot(null, TABLE, List.of(partition("2024-01-01")), TABLE, List.of(),
                List.of());

        assertThat(planner.plan(event(EventType.ALTER_TABLE, "sales", alter, CapturedEvent.ORIGIN_WRITER)))
                .extracting(NewJob::kind).containsExactly(JobKind.SYNC_TABLE);
    }
}
