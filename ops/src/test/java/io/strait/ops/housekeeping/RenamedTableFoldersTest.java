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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Housekeeping keeps the version folders of a table renamed in place: they were written under the old name and are
 * live under the new one, even once the old name was dropped.
 */
class RenamedTableFoldersTest {
    private static final RegionId B = RegionId.of("b");
    private static final String ROOT = "mem://b/external";
    private static final TableRef OLD = TableRef.of("shop", "orders");
    private static final TableRef NEW = TableRef.of("shop", "orders_v2");
    private static final String FOLDER = ROOT + "/shop.db/orders/ds=1/_strait_v1_1";
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long NOW = 100 * HOUR;

    private final InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(B);
    private final InMemoryRegionFileSystem files = new InMemoryRegionFileSystem(B);

    @Test
    void aFolderWrittenUnderTheOldNameIsKeptWhileTheNewNamePointsAtIt() throws Exception {
        List<JobRecord> jobs = replicatedRenamedAndOldNameDropped();

        VersionFolderHousekeeping.Result result = sweep().sweep(jobs, NOW, Duration.ofHours(1), false);

        assertThat(result.removed()).isEmpty();
        assertThat(files.exists(FOLDER + "/part-0")).isTrue();
    }

    @Test
    void withoutTheRenameTheSameFolderWouldBeRemoved() throws Exception {
        List<JobRecord> jobs = replicatedRenamedAndOldNameDropped().stream()
                .filter(job -> job.kind() != JobKind.RENAME_TABLE).toList();

        VersionFolderHousekeeping.Result result = sweep().sweep(jobs, NOW, Duration.ofHours(1), false);

        assertThat(result.removed()).containsExactly(new RegionLocation(B, FOLDER));
    }

    @Test
    void aLaterSyncUnderTheNewNameReplacesTheFolderWrittenUnderTheOldName() throws Exception {
        String newFolder = ROOT + "/shop.db/orders/ds=1/_strait_v4_1";
        List<JobRecord> jobs = new java.util.ArrayList<>(replicatedRenamedAndOldNameDropped().stream()
                .filter(job -> job.kind() != JobKind.DROP_TABLE).toList());
        metastore.alterPartition(new PartitionSnapshot(PartitionRef.of(NEW, List.of("1")), newFolder,
                StorageFormat.PARQUET, Map.of()));
        files.write(newFolder + "/part-0", "beta".getBytes(StandardCharsets.UTF_8));
        jobs.add(new JobRecord(4, "a-to-b", JobKind.SYNC_PARTITION, new ObjectRef("shop", "orders_v2", List.of("1")),
                JobState.SUCCEEDED, newFolder, 40 * HOUR, 40 * HOUR, null));

        assertThat(sweep().sweep(jobs, 40 * HOUR + HOUR / 2, Duration.ofHours(1), false).removed())
                .as("not before the delay").isEmpty();
        VersionFolderHousekeeping.Result result = sweep().sweep(jobs, NOW, Duration.ofHours(1), false);

        assertThat(result.removed()).as("replaced by the new name's sync at 40 h, and out of use since")
                .containsExactly(new RegionLocation(B, FOLDER));
        assertThat(files.exists(FOLDER + "/part-0")).isFalse();
        assertThat(files.exists(newFolder + "/part-0")).isTrue();
    }

    private VersionFolderSweep sweep() {
        return new VersionFolderSweep(B, metastore, files, List.of(new RegionLocation(B, ROOT)));
    }

    /** A partition replicated under the old name, renamed in place, then a table of the old name created and dropped. */
    private List<JobRecord> replicatedRenamedAndOldNameDropped() throws Exception {
        metastore.createDatabase(new DatabaseSnapshot("shop", ROOT + "/shop.db", "", Map.of()));
        metastore.createTable(new TableSnapshot(NEW, "EXTERNAL_TABLE", ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of(), "etl"));
        metastore.addPartition(new PartitionSnapshot(PartitionRef.of(NEW, List.of("1")), FOLDER,
                StorageFormat.PARQUET, Map.of()));
        files.write(FOLDER + "/part-0", "alpha".getBytes(StandardCharsets.UTF_8));
        ObjectRef oldPartition = new ObjectRef("shop", "orders", List.of("1"));
        return List.of(
                new JobRecord(1, "a-to-b", JobKind.SYNC_PARTITION, oldPartition, JobState.SUCCEEDED, FOLDER,
                        10 * HOUR, 10 * HOUR, null),
                new JobRecord(2, "a-to-b", JobKind.RENAME_TABLE, ObjectRef.table(NEW), JobState.SUCCEEDED, "",
                        20 * HOUR, 20 * HOUR, OLD),
                new JobRecord(3, "a-to-b", JobKind.DROP_TABLE, ObjectRef.table(OLD), JobState.SUCCEEDED, "",
                        30 * HOUR, 30 * HOUR, null));
    }
}
