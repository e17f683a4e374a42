package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventOriginTest {
    private static final Map<String, String> MARKED = Map.of("strait.source.region", "region-a");
    private static final Map<String, String> PLAIN = Map.of("owner-team", "finance");
    private static final TableRef ORDERS = TableRef.of("sales", "orders");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain database", EventSnapshot.ofDatabase(database(PLAIN)), CapturedEvent.ORIGIN_WRITER),
                Arguments.of("replica database", EventSnapshot.ofDatabase(database(MARKED)),
                        CapturedEvent.ORIGIN_STRAIT),
                Arguments.of("plain table", EventSnapshot.ofTable(table(PLAIN)), CapturedEvent.ORIGIN_WRITER),
                Arguments.of("replica table", EventSnapshot.ofTable(table(MARKED)), CapturedEvent.ORIGIN_STRAIT),
                Arguments.of("replica partition of a plain table",
                        EventSnapshot.ofPartitions(table(PLAIN), List.of(partition(PLAIN), partition(MARKED))),
                        CapturedEvent.ORIGIN_STRAIT),
                Arguments.of("plain partitions of a plain table",
                        EventSnapshot.ofPartitions(table(PLAIN), List.of(partition(PLAIN))),
                        CapturedEvent.ORIGIN_WRITER),
                Arguments.of("partition of a replica table",
                        EventSnapshot.ofPartitions(table(MARKED), List.of(partition(PLAIN))),
                        CapturedEvent.ORIGIN_STRAIT),
                Arguments.of("only the previous table was a replica",
                        new EventSnapshot(null, table(PLAIN), List.of(), table(MARKED), List.of(), List.of()),
                        CapturedEvent.ORIGIN_WRITER),
                Arguments.of("a value mentioning strait is no marker",
                        EventSnapshot.ofTable(table(Map.of("comment", "strait.source.region"))),
                        CapturedEvent.ORIGIN_WRITER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void originFollowsTheStraitMarker(String description, EventSnapshot snapshot, String expected) {
        assertThat(EventOrigin.of(snapshot)).isEqualTo(expected);
    }

    private static DatabaseSnapshot database(Map<String, String> parameters) {
        return new DatabaseSnapshot("sales", "file:/a/sales.db", "", parameters);
    }

    private static TableSnapshot table(Map<String, String> parameters) {
        return new TableSnapshot(ORDERS, "EXTERNAL_TABLE", "file:/a/orders", List.of(), List.of(), null, parameters,
                "etl");
    }

    private static PartitionSnapshot partition(Map<String, String> parameters) {
        return new PartitionSnapshot(PartitionRef.of(ORDERS, List.of("1")), "file:/a/orders/ds=1", null,
                parameters);
    }
}
