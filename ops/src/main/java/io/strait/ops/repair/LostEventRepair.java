package io.strait.ops.repair;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.job.JobOrigin;
import io.strait.common.metastore.TableRef;
import io.strait.ops.reconcile.ReconcileInputs;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.ReconcileScope;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;
import io.strait.reparo.repair.ExtraObjects;
import io.strait.reparo.repair.RepairPlan;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.sql.divergence.JdbcDivergenceStore;
import io.strait.sql.listener.EventLoss;
import io.strait.sql.listener.JdbcLossRepairs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what lost listener events left behind, as a {@link PeriodicTask} of {@code strait run}: for a link, the
 * losses of its source region it has not repaired yet are scanned (their tables at {@code files} depth; every table
 * of the link when a loss names none) and the divergences planned and created as REPAIR jobs for the link's cycle,
 * like a scheduled reconcile with repair; a scan that could not check a table leaves the losses for the next run.
 * Extra objects are never dropped (a lost drop stays for an operator:
 * {@code strait reconcile --repair --allow-delete}). The loss is then recorded as repaired for the link.
 */
public final class LostEventRepair implements PeriodicTask {
    /** How often a link looks for losses to repair. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(LostEventRepair.class);

    private final StraitConfig config;
    private final LinkConfig link;
    private final DataSource stateStore;
    private final RegionClients source;
    private final RegionClients target;
    private final Clock clock;

    public LostEventRepair(StraitConfig config, LinkConfig link, DataSource stateStore, RegionClients source,
            RegionClients target, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.link = Objects.requireNonNull(link, "link");
        this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One task per link. */
    public static List<PeriodicTask> of(StraitConfig config, DataSource stateStore,
            Function<LinkConfig, List<RegionClients>> regionsOfLink, Clock clock) {
        List<PeriodicTask> tasks = new ArrayList<>();
        for (LinkConfig link : config.links()) {
            List<RegionClients> regions = regionsOfLink.apply(link);
            tasks.add(new LostEventRepair(config, link, stateStore, regions.get(0), regions.get(1), clock));
        }
        return tasks;
    }

    @Override
    public String name() {
        return "lost-events-" + link.name();
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void runOnce() {
        JdbcLossRepairs repairs = new JdbcLossRepairs(stateStore, clock);
        List<EventLoss> losses = repairs.unrepaired(link.name(), link.source().name());
        if (losses.isEmpty()) {
            return;
        }
        RepairExecution execution = new RepairExecution(config, link, stateStore, source, target, clock);
        long position = execution.eventPosition();
        ReconcileScope scope = ReconcileScope.of(scopeOf(losses));
        Reconciler reconciler = reconciler();
        List<ReconcileScan> scans = new ArrayList<>();
        for (TableRef table : scope.resolve(source.metastore(), target.metastore(), link.tableFilter()).tables()) {
            scans.add(reconciler.reconcile(table, ReconcileDepth.FILES));
        }
        long failed = scans.stream().filter(scan -> scan.status() == ReconcileScan.Status.FAILED).count();
        if (failed > 0) {
            LOG.warn("link {}: repair of {} lost event range(s) of region {} waits: {} of {} table scan(s) failed;"
                    + " trying again in {}", link.name(), losses.size(), link.source(), failed, scans.size(),
                    io.strait.common.config.Durations.format(INTERVAL));
            return;
        }
        RepairPlan plan = execution.planner(ExtraObjects.KEEP).plan(link.name(),
                scans.stream().flatMap(scan -> scan.divergences().stream()).toList());
        List<Long> jobs = plan.isEmpty() ? List.of() : execution.run(JobOrigin.REPAIR).submit(plan, position);
        repairs.recordRepair(link.name(), losses.stream().map(EventLoss::id).toList(), jobs.size());
        LOG.info("link {}: repair of {} lost event range(s) of region {}: scanned {} ({} table(s)), created {}"
                + " REPAIR job(s) for {} object(s)", link.name(), losses.size(), link.source(),
                scope.wholeLink() ? "the whole link" : scope, scans.size(), jobs.size(), plan.actions().size());
    }

    /** The tables of the losses; empty (the whole link) when one of them names none. */
    static List<String> scopeOf(List<EventLoss> losses) {
        Set<String> names = new LinkedHashSet<>();
        for (EventLoss loss : losses) {
            if (loss.tables().isEmpty()) {
                return List.of();
            }
            names.addAll(loss.tables());
        }
        return List.copyOf(names);
    }

    private Reconciler reconciler() {
        return ReconcileInputs.fromStateStore(stateStore, config, link)
                .reconciler(new RegionEndpoint(source.metastore(), source.fileSystem()),
                        new RegionEndpoint(target.metastore(), target.fileSystem()))
                .divergenceStore(new JdbcDivergenceStore(stateStore))
                .build();
    }
}
