package io.strait.ops.housekeeping;

import io.strait.common.copy.VersionFolderRetention;
import io.strait.common.copy.VersionFolderRetention.Decision;
import io.strait.common.copy.VersionFolderRetention.Facts;
import io.strait.common.copy.VersionFolderRetention.JobFact;
import io.strait.common.copy.VersionFolders;
import io.strait.common.job.JobKind;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.region.RegionLocation;
import io.strait.sql.housekeeping.JdbcVersionFolderJobs.JobRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep of the version folders of one target region: for every object a job wrote a version folder for, the
 * folders named {@code _strait_v<job>_<attempt>} in the places its jobs wrote them, each judged by
 * {@link VersionFolderRetention} and deleted when it says so. The facts are read in a safe order: the jobs first,
 * then what the target metastore points at, then the folders, so a folder that appears meanwhile has no job in the
 * facts and is kept. Deleting is idempotent and every decision is derived again on the next run: a sweep stopped
 * halfway (a crash, a failed delete) leaves folders that are still out of use and the next sweep removes them.
 */
final class VersionFolderSweep {
    private static final Logger LOG = LoggerFactory.getLogger(VersionFolderSweep.class);

    private final RegionId region;
    private final MetastoreGateway metastore;
    private final RegionFileSystem fileSystem;
    private final List<RegionLocation> mappedRoots;

    VersionFolderSweep(RegionId region, MetastoreGateway metastore, RegionFileSystem fileSystem,
            List<RegionLocation> mappedRoots) {
        this.region = region;
        this.metastore = metastore;
        this.fileSystem = fileSystem;
        this.mappedRoots = List.copyOf(mappedRoots);
    }

    /** Judges (and unless {@code dryRun} deletes) the folders of the objects of {@code jobs}. */
    VersionFolderHousekeeping.Result sweep(List<JobRecord> jobs, long nowMillis, Duration olderThan, boolean dryRun) {
        VersionFolderHousekeeping.Result.Builder result = new VersionFolderHousekeeping.Result.Builder(dryRun);
        Map<TableRef, Set<RegionLocation>> liveByTable = new HashMap<>();
        Map<TableRef, Set<TableRef>> renamedTo = renames(jobs);
        JobsByName byName = new JobsByName(jobs);
        for (Map.Entry<ObjectRef, List<JobRecord>> object : dataObjects(jobs).entrySet()) {
            try {
                Set<RegionLocation> live = liveByTable.computeIfAbsent(object.getKey().tableRef(),
                        table -> Set.copyOf(liveUnderEveryName(table, renamedTo)));
                Facts facts = new Facts(facts(object.getKey(), byName, renamedTo), live, mappedRoots);
                for (RegionLocation folder : folders(object.getValue())) {
                    Decision decision = VersionFolderRetention.decide(folder, facts, nowMillis, olderThan);
                    if (decision.delete()) {
                        remove(folder, decision, dryRun, result);
                    } else {
                        result.kept(decision.verdict());
                    }
                }
            } catch (IOException | RuntimeException e) {
                result.failed(object.getKey() + " in region " + region + ": " + e.getMessage());
                LOG.warn("housekeeping: cannot sweep the version folders of {} in region {}: {}", object.getKey(),
                        region, e.toString());
            }
        }
        return result.build();
    }

    private void remove(RegionLocation folder, Decision decision, boolean dryRun,
            VersionFolderHousekeeping.Result.Builder result) throws IOException {
        if (!dryRun) {
            fileSystem.delete(folder.uri());
            LOG.info("housekeeping: removed version folder {} in region {}: {}", folder.uri(), region,
                    decision.reason());
        }
        result.removed(folder);
    }

    /** Objects with at least one job that wrote a version folder, with those jobs. */
    private static Map<ObjectRef, List<JobRecord>> dataObjects(List<JobRecord> jobs) {
        Map<ObjectRef, List<JobRecord>> objects = new LinkedHashMap<>();
        for (JobRecord job : jobs) {
            if ((job.kind() == JobKind.SYNC_PARTITION || job.kind() == JobKind.SYNC_TABLE)
                    && !job.targetLocation().isEmpty()) {
                objects.computeIfAbsent(job.object(), ignored -> new ArrayList<>()).add(job);
            }
        }
        return objects;
    }

    /**
     * The jobs of the object, and the drops of its table and database (they take its folders out of use too), under
     * its name and under every name a rename gave its table since: a later sync of the same partition under the new
     * name replaces a folder written under the old one. Oldest first, as the sweep's jobs come.
     */
    private static List<JobFact> facts(ObjectRef object, JobsByName jobs, Map<TableRef, Set<TableRef>> renamedTo) {
        Set<TableRef> names = namesOf(object.tableRef(), renamedTo);
        List<JobRecord> matching = new ArrayList<>();
        for (TableRef name : names) {
            matching.addAll(jobs.of(name, object.partitionValues()));
            if (!object.partitionValues().isEmpty()) {
                matching.addAll(jobs.dropsOf(name));
            }
        }
        matching.addAll(jobs.databaseDropsOf(object.database()));
        matching.sort(java.util.Comparator.comparingLong(JobRecord::id));
        List<JobFact> facts = new ArrayList<>();
        for (JobRecord job : matching) {
            facts.add(new JobFact(job.id(), job.state(), job.targetLocation(), job.committedAtMillis(),
                    job.updatedAtMillis()));
        }
        return facts;
    }

    /**
     * The sweep's jobs by the object they are about (a rename apart), the table drops by table and the database drops
     * by database, indexed once per sweep: each object's facts then cost its own jobs, not every job of the sweep (a
     * sweep of a table of n partitions was n x 2n comparisons).
     */
    private static final class JobsByName {
        private final Map<ObjectKey, List<JobRecord>> byObject = new HashMap<>();
        private final Map<TableRef, List<JobRecord>> tableDrops = new HashMap<>();
        private final Map<String, List<JobRecord>> databaseDrops = new HashMap<>();

        JobsByName(List<JobRecord> jobs) {
            for (JobRecord job : jobs) {
                if (job.object().level() == ObjectRef.Level.DATABASE) {
                    if (job.kind() == JobKind.DROP_DATABASE) {
                        databaseDrops.computeIfAbsent(job.object().database(), ignored -> new ArrayList<>())
                                .add(job);
                    }
                    continue;
                }
                TableRef table = job.object().tableRef();
                if (job.kind() != JobKind.RENAME_TABLE) {
                    byObject.computeIfAbsent(new ObjectKey(table, job.object().partitionValues()),
                            ignored -> new ArrayList<>()).add(job);
                }
                if (job.kind() == JobKind.DROP_TABLE && job.object().level() == ObjectRef.Level.TABLE) {
                    tableDrops.computeIfAbsent(table, ignored -> new ArrayList<>()).add(job);
                }
            }
        }

        /** The jobs (renames aside) of the object of {@code partitionValues} in {@code table}. */
        List<JobRecord> of(TableRef table, List<String> partitionValues) {
            return byObject.getOrDefault(new ObjectKey(table, partitionValues), List.of());
        }

        List<JobRecord> dropsOf(TableRef table) {
            return tableDrops.getOrDefault(table, List.of());
        }

        List<JobRecord> databaseDropsOf(String database) {
            return databaseDrops.getOrDefault(database, List.of());
        }
    }

    private record ObjectKey(TableRef table, List<String> partitionValues) {
    }

    /** The names each table was renamed to (a rename keeps the table's version folders, under its new name). */
    private static Map<TableRef, Set<TableRef>> renames(List<JobRecord> jobs) {
        Map<TableRef, Set<TableRef>> renamedTo = new HashMap<>();
        for (JobRecord job : jobs) {
            if (job.kind() == JobKind.RENAME_TABLE && job.renamedFrom() != null) {
                renamedTo.computeIfAbsent(job.renamedFrom(), ignored -> new LinkedHashSet<>())
                        .add(job.object().tableRef());
            }
        }
        return renamedTo;
    }

    /**
     * Where the target's table and its partitions point now, under its name and under every name a rename gave it
     * since (transitively): a folder written under the old name stays live under the new one.
     */
    private Set<RegionLocation> liveUnderEveryName(TableRef table, Map<TableRef, Set<TableRef>> renamedTo) {
        Set<RegionLocation> live = new HashSet<>();
        namesOf(table, renamedTo).forEach(name -> live.addAll(live(name)));
        return live;
    }

    /** {@code table} and every name renames gave it since, transitively. */
    private static Set<TableRef> namesOf(TableRef table, Map<TableRef, Set<TableRef>> renamedTo) {
        Set<TableRef> names = new LinkedHashSet<>();
        java.util.ArrayDeque<TableRef> toVisit = new java.util.ArrayDeque<>(List.of(table));
        while (!toVisit.isEmpty()) {
            TableRef name = toVisit.pop();
            if (names.add(name)) {
                toVisit.addAll(renamedTo.getOrDefault(name, Set.of()));
            }
        }
        return names;
    }

    /** Where the target's table and each of its partitions point now. */
    private Set<RegionLocation> live(TableRef table) {
        Set<RegionLocation> live = new HashSet<>();
        metastore.getTable(table).ifPresent(found -> {
            if (!found.location().isEmpty()) {
                live.add(new RegionLocation(region, found.location()));
            }
            if (found.isPartitioned()) {
                for (PartitionSnapshot partition : metastore.listPartitions(table)) {
                    if (!partition.location().isEmpty()) {
                        live.add(new RegionLocation(region, partition.location()));
                    }
                }
            }
        });
        return live;
    }

    /** The version folders now present where the object's jobs wrote theirs. */
    private List<RegionLocation> folders(List<JobRecord> writers) throws IOException {
        Set<String> parents = new LinkedHashSet<>();
        for (JobRecord writer : writers) {
            String folder = writer.targetLocation();
            String trimmed = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
            parents.add(trimmed.substring(0, trimmed.lastIndexOf('/')));
        }
        List<RegionLocation> folders = new ArrayList<>();
        for (String parent : parents) {
            for (String name : fileSystem.listDirectoryNames(parent)) {
                if (name.startsWith(VersionFolders.PREFIX)) {
                    folders.add(new RegionLocation(region, RegionFileSystem.resolve(parent, name)));
                }
            }
        }
        return folders;
    }
}
