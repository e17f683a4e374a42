package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventType;
import io.strait.common.region.RegionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.Test;

class EventTranslatorTest {
    private final EventTranslator translator = new EventTranslator(RegionId.of("region-a"),
            Clock.fixed(Instant.ofEpochMilli(42), ZoneOffset.UTC));
    private final Table orders = ThriftObjects.partitionedTable("Sales", "Orders", "file:///a/orders", Map.of());

    @Test
    void anInsertIntoAPartitionCarriesThePartitionAndTheFiles() {
        Partition partition = ThriftObjects.partition(orders, "2024-01-01", Map.of());

        CapturedEvent event = translator.insert(orders, partition,
                List.of("file:/a/orders/ds=2024-01-01/part-0.parquet", "file:/a/orders/ds=2024-01-01/part-1.parquet"));

        assertThat(event.type()).isEqualTo(EventType.INSERT);
        assertThat(event.database()).isEqualTo("sales");
        assertThat(event.table()).isEqualTo("orders");
        assertThat(event.snapshot().partitions()).hasSize(1);
        assertThat(event.snapshot().partitions().get(0).location()).isEqualTo("file:/a/orders/ds=2024-01-01");
        assertThat(event.snapshot().insertedFiles()).containsExactly(
                "file:/a/orders/ds=2024-01-01/part-0.parquet", "file:/a/orders/ds=2024-01-01/part-1.parquet");
        assertThat(event.capturedAtMillis()).isEqualTo(42);
    }

    @Test
    void anInsertIntoAnUnpartitionedTableHasNoPartitionAndToleratesMissingFiles() {
        CapturedEvent event = translator.insert(orders, null, Arrays.asList("file:/a/orders/f1", null));

        assertThat(event.snapshot().partitions()).isEmpty();
        assertThat(event.snapshot().insertedFiles()).containsExactly("file:/a/orders/f1");
        assertThat(translator.insert(orders, null, null).snapshot().insertedFiles()).isEmpty();
    }

    @Test
    void aConstraintsEventNamesTheTableInLowerCaseWithoutASnapshot() {
        CapturedEvent event = translator.constraints("Sales", "Orders");

        assertThat(event.type()).isEqualTo(EventType.CONSTRAINTS);
        assertThat(event.database()).isEqualTo("sales");
        assertThat(event.table()).isEqualTo("orders");
        assertThat(event.snapshot().database()).isNull();
        assertThat(event.snapshot().table()).isNull();
        assertThat(event.snapshot().partitions()).isEmpty();
        assertThat(event.origin()).isEqualTo(CapturedEvent.ORIGIN_WRITER);
        assertThat(event.capturedAtMillis()).isEqualTo(42);
    }

    @Test
    void aChangeToAReplicaIsStraitsOwn() {
        Table replica = ThriftObjects.partitionedTable("sales", "orders", "file:/b/orders",
                Map.of("strait.source.region", "region-a"));

        assertThat(translator.table(EventType.CREATE_TABLE, replica).origin()).isEqualTo(CapturedEvent.ORIGIN_STRAIT);
        assertThat(translator.table(EventType.CREATE_TABLE, orders).origin()).isEqualTo(CapturedEvent.ORIGIN_WRITER);
    }
}
