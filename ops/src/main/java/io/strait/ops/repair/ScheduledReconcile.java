package io.strait.ops.repair;

import io.strait.common.config.ScheduledReconcileConfig;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.job.JobOrigin;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.TableRef;
import io.strait.ops.reconcile.ReconcileInputs;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.ReconcileReport;
import io.strait.reparo.ReconcileScope;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;
import io.strait.reparo.repair.ExtraObjects;
import io.strait.reparo.repair.RecentPartitionsView;
import io.strait.reparo.repair.RepairPlan;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link's scheduled reconcile ({@code links[].reconcile}), run by Quartz as a {@link PeriodicTask}: one scan of the
 * configured scope at the configured depth, recorded like {@code strait reconcile}'s, then, when classes are
 * configured for automatic repair, their divergences planned and created as REPAIR jobs for the link's cycle to run
 * (not awaited: the next scan sees them in flight). The {@linkplain Coverage#RECENT recent} variant scans only the
 * recent partitions of the scope, through {@link RecentPartitionsView}s of both regions.
 */
public final class ScheduledReconcile implements PeriodicTask {
    /** What one run covers. */
    public enum Coverage { WHOLE_SCOPE, RECENT }

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledReconcile.class);

    private final StraitConfig config;
    private final LinkConfig link;
    private final ScheduledReconcileConfig settings;
    private final Coverage coverage;
    private final DataSource stateStore;
    private final RegionClients source;
    private final RegionClients target;
    private final Clock clock;

    public ScheduledReconcile(StraitConfig config, LinkConfig link, Coverage coverage, DataSource stateStore,
            RegionClients source, RegionClients target, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.link = Objects.requireNonNull(link, "link");
        this.settings = link.scheduledReconcile().orElseThrow(() -> new IllegalArgumentException("link "
                + link.name() + " has no scheduled reconcile"));
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        if (coverage == Coverage.RECENT && settings.recentInterval().isEmpty()) {
            throw new IllegalArgumentException("link " + link.name() + " has no recent-interval");
        }
        this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The scheduled reconciles of every link that configures one: the whole scope, and its recent partitions. */
    public static List<PeriodicTask> of(StraitConfig config, DataSource stateStore,
            Function<LinkConfig, List<RegionClients>> regionsOfLink, Clock clock) {
        List<PeriodicTask> tasks = new ArrayList<>();
        for (LinkConfig link : config.links()) {
            link.scheduledReconcile().ifPresent(settings -> {
                List<RegionClients> regions = regionsOfLink.apply(link);
                tasks.add(new ScheduledReconcile(config, link, Coverage.WHOLE_SCOPE, stateStore, regions.get(0),
                        regions.get(1), clock));
                if (settings.recentInterval().isPresent()) {
                    tasks.add(new ScheduledReconcile(config, link, Coverage.RECENT, stateStore, regions.get(0),
                            regions.get(1), clock));
                }
            });
        }
        return tasks;
    }

    @Override
    public String name() {
        return (coverage == Coverage.RECENT ? "reconcile-recent-" : "reconcile-") + link.name();
    }

    @Override
    public Duration interval() {
        return coverage == Coverage.RECENT ? settings.recentInterval().orElseThrow() : settings.interval();
    }

    @Override
    public void runOnce() {
        long started = clock.millis();
        RepairExecution execution = new RepairExecution(config, link, stateStore, source, target, clock);
        long position = execution.eventPosition();
        List<MetastoreGateway> metastores = coverage == Coverage.RECENT
                ? RecentPartitionsView.ofBoth(source.metastore(), target.metastore(), clock, settings.recentWindow())
                : List.of(source.metastore(), target.metastore());
        Reconciler reconciler = reconciler(metastores.get(0), metastores.get(1));
        ReconcileScope scope = ReconcileScope.of(settings.scope());
        List<ReconcileScan> scans = new ArrayList<>();
        for (TableRef table : scope.resolve(metastores.get(0), metastores.get(1), link.tableFilter()).tables()) {
            scans.add(reconciler.reconcile(table, settings.depth()));
        }
        LOG.info("link {} scheduled reconcile ({}): {}", link.name(), name(), new ReconcileReport().runSummary(
                coverage == Coverage.RECENT ? "recent partitions of " + scope : scope.toString(), scans,
                clock.millis() - started));
        if (!settings.repair().isEmpty()) {
            repair(execution, scans, position);
        }
    }

    private void repair(RepairExecution execution, List<ReconcileScan> scans, long position) {
        RepairPlan plan = execution.planner(ExtraObjects.KEEP, settings.repair()).plan(link.name(),
                scans.stream().flatMap(scan -> scan.divergences().stream()).toList());
        if (plan.isEmpty()) {
            return;
        }
        List<Long> jobs = execution.run(JobOrigin.REPAIR).submit(plan, position);
        LOG.info("link {} scheduled reconcile ({}): automatic repair created {} job(s) for {} object(s):\n{}",
                link.name(), name(), jobs.size(), plan.actions().size(), plan.text());
    }

    private Reconciler reconciler(MetastoreGateway sourceMetastore, MetastoreGateway targetMetastore) {
        return ReconcileInputs.fromStateStore(stateStore, config, link)
                .reconciler(new RegionEndpoint(sourceMetastore, source.fileSystem()),
                        new RegionEndpoint(targetMetastore, target.fileSystem()))
                .divergenceStore(new JdbcDivergenceStore(stateStore))
                .build();
    }
}
