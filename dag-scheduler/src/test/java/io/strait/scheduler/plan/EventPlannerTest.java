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

    @Test
    void aRenameDropsTheOldReplicaAndSyncsTheNewName() {
        TableSnapshot old = new TableSnapshot(TableRef.of("shop", "sales_old"), "EXTERNAL_TABLE", "", List.of(),
                List.of(), null, Map.of(), "");
        EventSnapshot rename = new EventSnapshot(null, TABLE, List.of(), old, List.of(), List.of());

        List<NewJob> jobs = planner.plan(event(EventType.ALTER_TABLE, "sales", rename, CapturedEvent.ORIGIN_WRITER));

        assertThat(jobs).extracting(job -> job.kind() + " " + job.object())
                .containsExactly("DROP_TABLE shop.sales_old", "SYNC_TABLE shop.sales");
    }

    @Test
    void aRenameOfAPartitionedTableSyncsEveryPartitionItCarriesAfterTheTable() {
        TableSnapshot old = new TableSnapshot(TableRef.of("shop", "sales_old"), "EXTERNAL_TABLE", "", List.of(),
                List.of(), null, Map.of(), "");
        EventSnapshot rename = new EventSnapshot(null, TABLE, List.of(partition("2024-01-01"),
                partition("2024-01-02")), old, List.of(), List.of());

        List<NewJob> jobs = planner.plan(event(EventType.ALTER_TABLE, "sales", rename, CapturedEvent.ORIGIN_WRITER));

        assertThat(jobs).extracting(NewJob::kind, NewJob::object).containsExactly(
                org.assertj.core.groups.Tuple.tuple(JobKind.DROP_TABLE, ObjectRef.table(TableRef.of("shop",
                        "sales_old"))),
                org.assertj.core.groups.Tuple.tuple(JobKind.SYNC_TABLE, ObjectRef.table(SALES)),
                org.assertj.core.groups.Tuple.tuple(JobKind.SYNC_PARTITION,
                        ObjectRef.partition(PartitionRef.of(SALES, List.of("2024-01-01")))),
                org.assertj.core.groups.Tuple.tuple(JobKind.SYNC_PARTITION,
                        ObjectRef.partition(PartitionRef.of(SALES, List.of("2024-01-02")))));
    }

    @Test
    void anAlterThatIsNoRenameSyncsTheTableOnly() {
        EventSnapshot alter = new EventSnapshot(null, TABLE, List.of(partition("2024-01-01")), TABLE, List.of(),
                List.of());

        assertThat(planner.plan(event(EventType.ALTER_TABLE, "sales", alter, CapturedEvent.ORIGIN_WRITER)))
                .extracting(NewJob::kind).containsExactly(JobKind.SYNC_TABLE);
    }
}
