package io.strait.sql;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;

/** Realistic metastore values for the state store tests. */
public final class SampleValues {
    public static final RegionId REGION_A = RegionId.of("region-a");
    public static final RegionId REGION_B = RegionId.of("region-b");
    public static final TableRef ORDERS = TableRef.of("sales", "orders");

    private SampleValues() {
    }

    public static TableSnapshot ordersTable(String location) {
        return new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE, location,
                List.of(ColumnSpec.of("id", "bigint"), new ColumnSpec("amount", "decimal(10,2)", "in € cents")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("owner.team", "payments", "comment", "naïve ✓ unicode"), "alice");
    }

    public static PartitionSnapshot ordersPartition(String day) {
        return new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(day)),
                "file:/warehouse/a/sales.db/orders/ds=" + day, StorageFormat.PARQUET, Map.of("numFiles", "2"));
    }

    /** An ALTER_PARTITION event carrying before and after objects and inserted files. */
    public static CapturedEvent alterPartitionEvent(RegionId region, long capturedAtMillis) {
        TableSnapshot table = ordersTable("file:/warehouse/a/sales.db/orders");
        EventSnapshot snapshot = new EventSnapshot(null, table,
                List.of(ordersPartition("2024-01-01"), ordersPartition("2024-01-02")),
                table.withParameters(Map.of("comment", "before")),
                List.of(ordersPartition("2024-01-01").withParameters(Map.of("numFiles", "1"))),
                List.of("file:/warehouse/a/sales.db/orders/ds=2024-01-01/part-0.parquet"));
        return new CapturedEvent(region, EventType.ALTER_PARTITION, "sales", "orders", capturedAtMillis,
                CapturedEvent.ORIGIN_WRITER, snapshot);
    }

    public static CapturedEvent createTableEvent(RegionId region, long capturedAtMillis) {
        return new CapturedEvent(region, EventType.CREATE_TABLE, "sales", "orders", capturedAtMillis,
                CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofTable(ordersTable("file:/warehouse/a/sales.db/orders")));
    }
}
