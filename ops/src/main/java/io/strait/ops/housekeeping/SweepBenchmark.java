package io.strait.ops.housekeeping;

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
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.region.RegionLocation;
import io.strait.sql.housekeeping.JdbcVersionFolderJobs.JobRecord;
import io.strait.common.region.ForwardingRegionFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of one housekeeping sweep of the version folders as a table grows, apart from any metastore or disk: a
 * table of {@code partitions} partitions, each written twice (the first folder replaced), judged in a dry run
 * against in-memory twins of the target's metastore and filesystem (whose folder listings are answered from an
 * index, so that only the sweep's own work is timed). The same sweep of a tenth of the partitions is the baseline:
 * the ratio of the time per partition at full size to the time per partition at a tenth is 1 for a sweep that grows
 * linearly, 10 for one that grows with the square.
 */
public final class SweepBenchmark {
    private static final RegionId REGION = RegionId.of("b");
    private static final String ROOT = "mem://b/external";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    /** The sweep's time, and how many folders it would remove. */
    public record Measurement(int partitions, long nanos, int removable) {
        public double microsPerPartition() {
            return nanos / 1e3 / partitions;
        }
    }

    private SweepBenchmark() {
    }

    /** A dry-run sweep over a table of {@code partitions} partitions written twice each; the best of {@code rounds}. */
    public static Measurement measure(int partitions, int rounds) throws IOException {
        InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(REGION);
        InMemoryRegionFileSystem files = new InMemoryRegionFileSystem(REGION);
        Map<String, List<String>> folders = new HashMap<>();
        TableRef table = TableRef.of("shop", "events");
        metastore.createDatabase(new DatabaseSnapshot("shop", ROOT + "/shop.db", "", Map.of()));
        metastore.createTable(new TableSnapshot(table, "EXTERNAL_TABLE", ROOT + "/shop.db/events",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("p", "string")), StorageFormat.PARQUET,
                Map.of(), "etl"));
        List<JobRecord> jobs = new ArrayList<>();
        long id = 1;
        for (int p = 0; p < partitions; p++) {
            List<String> values = List.of(String.valueOf(p));
            String parent = ROOT + "/shop.db/events/p=" + p;
            String live = null;
            for (int version = 0; version < 2; version++, id++) {
                String name = "_strait_v" + id + "_1";
                files.write(parent + "/" + name + "/part-0", "x".getBytes(StandardCharsets.UTF_8));
                folders.computeIfAbsent(parent, ignored -> new ArrayList<>()).add(name);
                live = parent + "/" + name;
                jobs.add(new JobRecord(id, "a-to-b", JobKind.SYNC_PARTITION, new ObjectRef("shop", "events", values),
                        JobState.SUCCEEDED, live, (10 + version) * HOUR, (10 + version) * HOUR, null));
            }
            metastore.addPartition(new PartitionSnapshot(PartitionRef.of(table, values), live, StorageFormat.PARQUET,
                    Map.of()));
        }
        RegionFileSystem indexed = new ForwardingRegionFileSystem(files) {
            @Override
            public List<String> listDirectoryNames(String directoryUri) {
                return folders.getOrDefault(directoryUri, List.of());
            }
        };
        VersionFolderSweep sweep = new VersionFolderSweep(REGION, metastore, indexed,
                List.of(new RegionLocation(REGION, ROOT)));
        long best = Long.MAX_VALUE;
        int removable = 0;
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            VersionFolderHousekeeping.Result result = sweep.sweep(jobs, 100 * HOUR, Duration.ofHours(1), true);
            best = Math.min(best, System.nanoTime() - started);
            removable = result.removed().size();
        }
        return new Measurement(partitions, best, removable);
    }
}
