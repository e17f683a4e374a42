package io.strait.ops.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.region.RegionLocation;
import io.strait.sql.housekeeping.JdbcVersionFolderJobs.JobRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One sweep over several tables and databases at once: each object is judged by its own jobs, its table's drop and
 * its database's drop, and by nothing of the other objects.
 */
class VersionFolderSweepTest {
    private static final RegionId B = RegionId.of("b");
    private static final String ROOT = "mem://b/external";
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long NOW = 100 * HOUR;
    private static final int PARTITIONS = 40;

    private final InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(B);
    private final InMemoryRegionFileSystem files = new InMemoryRegionFileSystem(B);
    private final List<JobRecord> jobs = new ArrayList<>();
    private long nextId = 1;

    @Test
    void replacedDroppedAndLiveFoldersOfManyObjectsAreEachJudgedByTheirOwnFacts() throws Exception {
        TableRef events = TableRef.of("shop", "events");
        TableRef dropped = TableRef.of("shop", "old_events");
        TableRef gone = TableRef.of("archive", "events");
        metastore.createDatabase(new DatabaseSnapshot("shop", ROOT + "/shop.db", "", Map.of()));
        metastore.createTable(table(events));
        Set<RegionLocation> replaced = new HashSet<>();
        Set<String> live = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<String> values = List.of(String.valueOf(p));
            String first = written(events, values, 10 * HOUR);
            String second = written(events, values, 20 * HOUR);
            metastore.addPartition(new PartitionSnapshot(PartitionRef.of(events, values), second,
                    StorageFormat.PARQUET, Map.of()));
            replaced.add(new RegionLocation(B, first));
            live.add(second);
        }
        // the same partition values in a table dropped since, and in a database dropped since
        String ofDroppedTable = written(dropped, List.of("0"), 10 * HOUR);
        job(JobKind.DROP_TABLE, ObjectRef.table(dropped), "", 30 * HOUR);
        String ofDroppedDatabase = written(gone, List.of("0"), 10 * HOUR);
        job(JobKind.DROP_DATABASE, ObjectRef.database("archive"), "", 30 * HOUR);
        // a partition whose only folder is live: the drops of other tables and databases never reach it
        String alone = written(TableRef.of("shop", "events"), List.of("alone"), 10 * HOUR);
        metastore.addPartition(new PartitionSnapshot(PartitionRef.of(events, List.of("alone")), alone,
                StorageFormat.PARQUET, Map.of()));
        live.add(alone);

        VersionFolderHousekeeping.Result result = new VersionFolderSweep(B, metastore, files,
                List.of(new RegionLocation(B, ROOT))).sweep(jobs, NOW, Duration.ofHours(1), false);

        Set<RegionLocation> expected = new HashSet<>(replaced);
        expected.add(new RegionLocation(B, ofDroppedTable));
        expected.add(new RegionLocation(B, ofDroppedDatabase));
        assertThat(new HashSet<>(result.removed())).isEqualTo(expected);
        for (String folder : live) {
            assertThat(files.exists(folder + "/part-0")).as(folder).isTrue();
        }
        assertThat(files.exists(ofDroppedTable + "/part-0")).isFalse();
        assertThat(files.exists(ofDroppedDatabase + "/part-0")).isFalse();
    }

    /** A version folder written for the partition by a succeeded sync job at {@code atMillis}. */
    private String written(TableRef table, List<String> values, long atMillis) throws java.io.IOException {
        long id = nextId;
        String folder = ROOT + "/" + table.database() + ".db/" + table.table() + "/p=" + values.get(0)
                + "/_strait_v" + id + "_1";
        files.write(folder + "/part-0", ("job " + id).getBytes(StandardCharsets.UTF_8));
        job(JobKind.SYNC_PARTITION, new ObjectRef(table.database(), table.table(), values), folder, atMillis);
        return folder;
    }

    private void job(JobKind kind, ObjectRef object, String folder, long atMillis) {
        jobs.add(new JobRecord(nextId++, "a-to-b", kind, object, JobState.SUCCEEDED, folder, atMillis, atMillis,
                null));
    }

    private static TableSnapshot table(TableRef table) {
        return new TableSnapshot(table, "EXTERNAL_TABLE", ROOT + "/" + table.database() + ".db/" + table.table(),
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("p", "string")), StorageFormat.PARQUET,
                Map.of(), "etl");
    }
}
