package io.strait.ops.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the demo's writer does to region A. Before Strait: the database and an archive table ({@link #writeExisting}).
 * Then, in order: a partitioned Parquet table; a first batch of
 * partitions of different sizes; more partitions one call at a time; new files in existing partitions (insert
 * events); partition parameter changes; partition drops; and a last insert.
 */
final class DemoScenario {
    private static final Logger LOG = LoggerFactory.getLogger(DemoScenario.class);
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    static final LocalDate ARCHIVE_FIRST_DAY = FIRST_DAY.minusYears(1);
    private static final int LATER_PARTITIONS = 3;
    private static final int ARCHIVE_PARTITIONS = 6;

    private final int firstBatch;

    DemoScenario(int firstBatch) {
        this.firstBatch = firstBatch;
    }

    /** The lake before Strait: the demo database and an archive table of last year's trips, never captured. */
    static void writeExisting(DemoWriter writer) throws Exception {
        List<String> days = new ArrayList<>();
        for (int i = 0; i < ARCHIVE_PARTITIONS; i++) {
            days.add(ARCHIVE_FIRST_DAY.plusDays(i).toString());
        }
        writer.createDatabaseAndTable(DemoWriter.ARCHIVE_TABLE);
        writer.addPartitions(DemoWriter.ARCHIVE_TABLE, days, 300);
        LOG.info("demo: region a holds {}.{} with {} partitions before the listener is installed",
                DemoWriter.DATABASE, DemoWriter.ARCHIVE_TABLE, days.size());
    }

    /** Runs every step through the writer and returns the partitions that should exist at the end. */
    List<String> run(DemoWriter writer) throws Exception {
        List<String> days = days(0, firstBatch);
        writer.createDatabaseAndTable();
        writer.addPartitions(days, 400);
        LOG.info("demo: created {}.{} with {} partitions", DemoWriter.DATABASE, DemoWriter.TABLE, days.size());
        List<String> live = new ArrayList<>(days);
        for (String day : days(firstBatch, LATER_PARTITIONS)) {
            writer.addPartitions(List.of(day), 900);
            live.add(day);
        }
        writer.insertInto(live.get(1), 700);
        writer.insertInto(live.get(5), 1_500);
        writer.insertInto(live.get(firstBatch), 300);
        writer.alterPartitionParameters(live.get(2), Map.of("quality", "checked", "owner-team", "mobility"));
        writer.alterPartitionParameters(live.get(3), Map.of("quality", "late-data"));
        writer.dropPartition(live.get(7));
        writer.dropPartition(live.get(8));
        String last = live.get(4);
        live.remove(live.get(8));
        live.remove(live.get(7));
        writer.insertInto(last, 2_000);
        LOG.info("demo: writer finished; {} partitions remain", live.size());
        return live;
    }

    private static List<String> days(int offset, int count) {
        List<String> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            days.add(FIRST_DAY.plusDays(offset + i).toString());
        }
        return days;
    }
}
