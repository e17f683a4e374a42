package io.strait.listener;

import java.util.List;
import java.util.Objects;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsDesc;
import org.apache.hadoop.hive.metastore.events.DeletePartitionColumnStatEvent;
import org.apache.hadoop.hive.metastore.events.DeleteTableColumnStatEvent;
import org.apache.hadoop.hive.metastore.events.ListenerEvent;
import org.apache.hadoop.hive.metastore.events.UpdatePartitionColumnStatEvent;
import org.apache.hadoop.hive.metastore.events.UpdatePartitionColumnStatEventBatch;
import org.apache.hadoop.hive.metastore.events.UpdateTableColumnStatEvent;

/**
 * The column statistics callbacks of {@link StraitMetastoreListener}, apart because their event classes exist only
 * in Hive Metastore 4.x: the listener class itself must load (and verify) in a 3.1 metastore, which never calls
 * these callbacks and so never loads their event classes (the events reach {@link Capture}, generic on purpose).
 */
final class ColumnStatisticsCallbacks {
    private final EventTranslator translator;
    private final Capture<ListenerEvent> capture;

    ColumnStatisticsCallbacks(EventTranslator translator, Capture<ListenerEvent> capture) {
        this.translator = Objects.requireNonNull(translator, "translator");
        this.capture = Objects.requireNonNull(capture, "capture");
    }

    void tableUpdated(UpdateTableColumnStatEvent event) {
        ColumnStatisticsDesc desc = event.getColStats().getStatsDesc();
        capture.accept(event, desc::getCatName, () -> translator.columnStatistics(desc.getDbName(),
                desc.getTableName(), event.getTableObj(), List.of()));
    }

    void partitionUpdated(UpdatePartitionColumnStatEvent event) {
        ColumnStatisticsDesc desc = event.getPartColStats().getStatsDesc();
        capture.accept(event, desc::getCatName, () -> translator.columnStatistics(desc.getDbName(),
                desc.getTableName(), event.getTableObj(), event.getPartVals()));
    }

    void partitionsUpdated(UpdatePartitionColumnStatEventBatch batch) {
        for (int i = 0; i < batch.getNumEntries(); i++) {
            partitionUpdated(batch.getPartColStatEvent(i));
        }
    }

    void tableDeleted(DeleteTableColumnStatEvent event) {
        capture.accept(event, event::getCatName, () -> translator.columnStatistics(event.getDBName(),
                event.getTableName(), null, List.of()));
    }

    void partitionDeleted(DeletePartitionColumnStatEvent event) {
        capture.accept(event, event::getCatName, () -> translator.columnStatistics(event.getDBName(),
                event.getTableName(), null, event.getPartVals()));
    }
}
