package io.strait.ops.repair;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.job.JobOrigin;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.repair.Convergence;
import io.strait.reparo.repair.ExtraObjects;
import io.strait.reparo.repair.Quarantine;
import io.strait.reparo.repair.RepairPlan;
import io.strait.reparo.repair.RepairPlanner;
import io.strait.reparo.repair.RepairRun;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Repair and bootstrap of one link, wired from the configuration, the state store and the two regions' clients:
 * the {@link RepairPlanner} within the link's tables, the {@link RepairRun} that creates and awaits the jobs, the
 * {@link Quarantine} under the target region's roots, and the {@link Convergence} loop over them.
 */
public final class RepairExecution {
    private final LinkConfig link;
    private final DataSource stateStore;
    private final RegionClients source;
    private final RegionClients target;
    private final StraitConfig config;
    private final Clock clock;

    public RepairExecution(StraitConfig config, LinkConfig link, DataSource stateStore, RegionClients source,
            RegionClients target, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.link = Objects.requireNonNull(link, "link");
        this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A planner of every class within the link's tables. */
    public RepairPlanner planner(ExtraObjects extraObjects) {
        return planner(extraObjects, EnumSet.allOf(DivergenceClass.class));
    }

    public RepairPlanner planner(ExtraObjects extraObjects, Set<DivergenceClass> repairable) {
        return new RepairPlanner(extraObjects, repairable, link.tableFilter());
    }

    /** The plan of {@code scans}' divergences (what {@code --dry-run} prints). */
    public RepairPlan plan(List<ReconcileScan> scans, ExtraObjects extraObjects) {
        return planner(extraObjects).plan(link.name(), scans.stream().flatMap(scan -> scan.divergences().stream())
                .toList());
    }

    public RepairRun run(JobOrigin origin) {
        return new RepairRun(link.name(), origin, new JdbcJobStore(stateStore, clock), source.metastore(),
                new Quarantine(target.metastore(), target.fileSystem(), config.region(link.target()).roots()), clock);
    }

    /** The link's event position now: the newest event id captured from its source region. */
    public long eventPosition() {
        return new JdbcEventLog(stateStore, clock).latestId(link.source());
    }

    public Convergence convergence(JobOrigin origin, RepairPlanner planner) {
        return new Convergence(link.name(), link.source(), new JdbcEventLog(stateStore, clock), planner, run(origin));
    }
}
