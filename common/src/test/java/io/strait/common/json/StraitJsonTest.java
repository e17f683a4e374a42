package io.strait.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.strings;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobPlan;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class StraitJsonTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final DatabaseSnapshot SALES = new DatabaseSnapshot("sales", "file:/a/sales.db", "the shop",
            Map.of("owner-team", "billing"));
    private static final TableSnapshot TABLE = new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE,
            "file:/a/sales.db/orders",
            List.of(ColumnSpec.of("id", "bigint"), new ColumnSpec("amount", "decimal(10,2)", "in EUR")),
            List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
            Map.of("EXTERNAL", "TRUE", "comment", "quotes \" and \\ and é"), "etl");
    private static final PartitionSnapshot DS1 = partition("2024-01-01");
    private static final PartitionSnapshot DS2 = partition("2024-01-02");

    private final StraitJson json = new StraitJson();

    @Test
    void aFullEventSnapshotRoundTrips() {
        EventSnapshot snapshot = new EventSnapshot(SALES, TABLE, List.of(DS1, DS2),
                TABLE.withLocation("file:/a/old"), List.of(DS1.withLocation("file:/a/old/ds=1")),
                List.of("file:/a/sales.db/orders/ds=2024-01-01/part-0.parquet"));
        assertThat(roundTrip(snapshot, EventSnapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void snapshotsWithAbsentObjectsRoundTrip() {
        assertThat(roundTrip(EventSnapshot.ofDatabase(SALES), EventSnapshot.class))
                .isEqualTo(EventSnapshot.ofDatabase(SALES));
        assertThat(roundTrip(EventSnapshot.ofPartitions(TABLE, List.of(DS1)), EventSnapshot.class))
                .isEqualTo(EventSnapshot.ofPartitions(TABLE, List.of(DS1)));
    }

    @Test
    void aJobPlanRoundTrips() {
        JobPlan plan = new JobPlan(SALES, TABLE, DS1, "file:/a/sales.db/orders/ds=2024-01-01",
                "file:/b/sales.db/orders/ds=2024-01-01/_strait_v42_1",
                List.of(new FileEntry("part-0.parquet", 1234, 1_700_000_000_000L),
                        new FileEntry("sub/part-1.parquet", 0, 1_700_000_000_001L)));
        JobPlan read = roundTrip(plan, JobPlan.class);
        assertThat(read).isEqualTo(plan);
        assertThat(read.copiesData()).isTrue();
        assertThat(read.totalBytes()).isEqualTo(1234);
    }

    @Test
    void aMetadataOnlyJobPlanRoundTrips() {
        JobPlan plan = new JobPlan(SALES, null, null, "", "", List.of());
        assertThat(roundTrip(plan, JobPlan.class)).isEqualTo(plan);
    }

    @Test
    void aTablePlanRoundTripsWithItsConstraintsAndAPlanStoredBeforeThemReadsWithout() {
        JobPlan plan = new JobPlan(null, TABLE, null, "", "", List.of()).withSourceConstraints(List.of(
                new TableConstraint(TableConstraint.Kind.FOREIGN_KEY, "fk_customer", List.of("customer", "region"),
                        "sales.customers", List.of("id", "region"), "pk_customers", "", 1, 2, false, false, true),
                new TableConstraint(TableConstraint.Kind.DEFAULT, "df_note", List.of("note"), "", List.of(), "",
                        "'none'", 0, 0, true, false, false)));

        assertThat(roundTrip(plan, JobPlan.class)).isEqualTo(plan);
        String stored = json.write(new JobPlan(null, TABLE, null, "", "", List.of()))
                .replace(",\"sourceConstraints\":[]", "");
        assertThat(stored).doesNotContain("sourceConstraints");
        assertThat(json.read(stored, JobPlan.class).sourceConstraints()).isEmpty();
    }

    @Test
    void aCapturedEventRoundTrips() {
        CapturedEvent event = new CapturedEvent(RegionId.of("us-east"), EventType.ADD_PARTITION, "sales", "orders",
                1_700_000_000_000L, CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofPartitions(TABLE, List.of(DS1)));
        assertThat(roundTrip(event, CapturedEvent.class)).isEqualTo(event);
    }

    @Test
    void theEncodingIsStableWithMapKeysSorted() {
        EventSnapshot snapshot = EventSnapshot.ofTable(TABLE);
        String written = json.write(snapshot);
        assertThat(json.write(json.read(written, EventSnapshot.class))).isEqualTo(written);
        assertThat(json.write(Map.of("b", 1, "c", 3, "a", 2))).isEqualTo("{\"a\":2,\"b\":1,\"c\":3}");
    }

    @Test
    void unknownFieldsAreIgnoredSoOlderReadersSurviveNewerWriters() {
        String written = json.write(SALES);
        String withExtra = written.replaceFirst("\\{", "{\"addedLater\":1,");
        assertThat(json.read(withExtra, DatabaseSnapshot.class)).isEqualTo(SALES);
    }

    @Test
    void brokenJsonIsAnInternalErrorNamingTheType() {
        assertThatThrownBy(() -> json.read("{not json", JobPlan.class))
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.INTERNAL))
                .hasMessageStartingWith("Cannot decode JobPlan");
    }

    @Test
    void anyTextInNamesAndParametersRoundTrips() {
        qt().forAll(anyText(), anyText(), anyText()).checkAssert((key, value, comment) -> {
            TableSnapshot table = new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE, "file:/a/" + value,
                    List.of(new ColumnSpec("c", "string", comment)), List.of(), StorageFormat.PARQUET,
                    Map.of(key, value), "");
            EventSnapshot snapshot = EventSnapshot.ofTable(table);
            assertThat(roundTrip(snapshot, EventSnapshot.class)).isEqualTo(snapshot);
        });
    }

    /** Up to 255 characters: mostly of the basic multilingual plane, some of any plane, some JSON-special ones. */
    private static Gen<String> anyText() {
        return Generate.frequency(List.of(
                Pair.of(4, strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 255)),
                Pair.of(1, strings().allPossible().ofLengthBetween(0, 255)),
                Pair.of(1, arbitrary().pick("", " ", "\"", "\\", "\u0000", "\n", "\u2028", "\uD800"))));
    }

    private <T> T roundTrip(T value, Class<T> type) {
        return json.read(json.write(value), type);
    }

    private static PartitionSnapshot partition(String ds) {
        return new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(ds)), "file:/a/sales.db/orders/ds=" + ds,
                StorageFormat.PARQUET, Map.of("numFiles", "2"));
    }
}
