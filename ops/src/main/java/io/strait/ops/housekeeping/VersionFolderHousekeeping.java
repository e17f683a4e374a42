package io.strait.ops.housekeeping;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.copy.VersionFolderRetention.Verdict;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.region.RegionLocation;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.sql.housekeeping.JdbcVersionFolderJobs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of version folders: replaced and failed {@code _strait_v<job>_<attempt>} folders in the target regions
 * of the configured links are deleted {@code store.retention.version-folders} after they went out of use (see
 * {@link io.strait.common.copy.VersionFolderRetention} for every rule). Run by {@code strait run} every
 * {@code store.retention.interval} as a {@link PeriodicTask} (one run at a time across the Quartz cluster) and by
 * {@code strait housekeeping}. Each target region is swept with the jobs of every link writing into it.
 */
public final class VersionFolderHousekeeping implements PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(VersionFolderHousekeeping.class);

    private final StraitConfig config;
    private final JdbcVersionFolderJobs jobs;
    private final Function<RegionId, Region> regions;
    private final Clock clock;

    /** A target region's metastore and filesystem. */
    public record Region(MetastoreGateway metastore, RegionFileSystem fileSystem) {
    }

    public VersionFolderHousekeeping(StraitConfig config, DataSource stateStore, Function<RegionId, Region> regions,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.jobs = new JdbcVersionFolderJobs(stateStore);
        this.regions = Objects.requireNonNull(regions, "regions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "housekeeping-version-folders";
    }

    @Override
    public Duration interval() {
        return config.store().retention().interval();
    }

    @Override
    public void runOnce() {
        Result result = run(config.store().retention().versionFolders(), false);
        if (result.removed().isEmpty() && result.failures().isEmpty()) {
            LOG.debug("housekeeping of version folders: {}", result.summary());
        } else {
            LOG.info("housekeeping of version folders: {}", result.summary());
        }
    }

    /**
     * One run over every target region; folders out of use for at least {@code olderThan} are deleted (with
     * {@code dryRun}, only counted).
     */
    public Result run(Duration olderThan, boolean dryRun) {
        Result.Builder total = new Result.Builder(dryRun);
        for (Map.Entry<RegionId, List<String>> target : linksByTarget(config).entrySet()) {
            List<JdbcVersionFolderJobs.JobRecord> records = jobs.jobs(target.getValue());
            if (records.stream().allMatch(record -> record.targetLocation().isEmpty())) {
                continue;   // no job wrote a version folder into this region: nothing to connect to
            }
            try {
                Region region = regions.apply(target.getKey());
                VersionFolderSweep sweep = new VersionFolderSweep(target.getKey(), region.metastore(),
                        region.fileSystem(), mappedRoots(config, target.getKey()));
                total.add(sweep.sweep(records, clock.millis(), olderThan, dryRun));
            } catch (RuntimeException e) {
                total.failed("region " + target.getKey() + ": " + e.getMessage());
                LOG.warn("housekeeping: cannot sweep the version folders of region {}: {}", target.getKey(),
                        e.toString());
            }
        }
        return total.build();
    }

    static Map<RegionId, List<String>> linksByTarget(StraitConfig config) {
        Map<RegionId, List<String>> links = new LinkedHashMap<>();
        for (LinkConfig link : config.links()) {
            links.computeIfAbsent(link.target(), region -> new ArrayList<>()).add(link.name());
        }
        return links;
    }

    private static List<RegionLocation> mappedRoots(StraitConfig config, RegionId region) {
        return config.region(region).roots().values().stream().map(root -> new RegionLocation(region, root)).toList();
    }

    /**
     * What a run removed (or, in a dry run, would remove), how many version folders it kept by reason, and the
     * objects it could not sweep (retried by the next run).
     */
    public record Result(boolean dryRun, List<RegionLocation> removed, Map<Verdict, Long> kept,
            List<String> failures) {
        public Result {
            removed = List.copyOf(removed);
            kept = Map.copyOf(kept);
            failures = List.copyOf(failures);
        }

        public String summary() {
            return (dryRun ? "would remove " : "removed ") + removed.size() + " version folder(s); kept "
                    + kept.entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "))
                    + (kept.isEmpty() ? "none" : "") + (failures.isEmpty() ? "" : "; " + failures.size()
                            + " object(s) not swept: " + String.join("; ", failures));
        }

        /** Gathers a run's outcomes. */
        static final class Builder {
            private final boolean dryRun;
            private final List<RegionLocation> removed = new ArrayList<>();
            private final Map<Verdict, Long> kept = new EnumMap<>(Verdict.class);
            private final List<String> failures = new ArrayList<>();

            Builder(boolean dryRun) {
                this.dryRun = dryRun;
            }

            void removed(RegionLocation folder) {
                removed.add(folder);
            }

            void kept(Verdict verdict) {
                kept.merge(verdict, 1L, Long::sum);
            }

            void failed(String failure) {
                failures.add(failure);
            }

            void add(Result result) {
                removed.addAll(result.removed());
                result.kept().forEach((verdict, count) -> kept.merge(verdict, count, Long::sum));
                failures.addAll(result.failures());
            }

            Result build() {
                return new Result(dryRun, removed, kept, failures);
            }
        }
    }
}
