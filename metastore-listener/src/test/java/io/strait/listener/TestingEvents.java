package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.StampedEvent;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;

/** Captured events for tests of the spool and the recorder: event {@code n} adds partition {@code ds=n}. */
final class TestingEvents {
    static final RegionId REGION = RegionId.of("region-a");
    static final TableRef ORDERS = TableRef.of("sales", "orders");
    static final String INSTANCE = "test-host:1:0000abcd";

    private TestingEvents() {
    }

    static CapturedEvent addPartition(int number) {
        return addPartition(REGION, number);
    }

    static CapturedEvent addPartition(RegionId region, int number) {
        TableSnapshot table = new TableSnapshot(ORDERS, "EXTERNAL_TABLE", "file:/a/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(Integer.toString(number))),
                "file:/a/orders/ds=" + number, StorageFormat.PARQUET, Map.of("n", Integer.toString(number)));
        return new CapturedEvent(region, EventType.ADD_PARTITION, "sales", "orders", 1_000L + number,
                CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofPartitions(table, List.of(partition)));
    }

    /** Event {@code number} as instance {@value #INSTANCE} captured it, with sequence number {@code number}. */
    static StampedEvent stamped(int number) {
        return new StampedEvent(INSTANCE, number, addPartition(number));
    }

    static int number(StampedEvent event) {
        return number(event.event());
    }

    /** The partition number of an event made by {@link #addPartition}. */
    static int number(CapturedEvent event) {
        return Integer.parseInt(event.snapshot().partitions().get(0).ref().values().get(0));
    }
}
