package io.strait.reparo.repair;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.event.EventLog;
import io.strait.common.region.RegionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Convergence as one path: compare the regions, plan the difference, run the plan as ordinary jobs, compare again.
 * Both {@code reconcile --repair} and {@code bootstrap} are this loop.
 *
 * <p>Each scan is preceded by reading the link's event position: every event with an id up to it was captured
 * after its change was committed, so the scan (and the jobs, which read the source when they run) see that change.
 * The jobs carry the position as their source event id; event jobs of those events are skipped by the publisher
 * as not newer, and later events are applied by the ordinary cycle after them (no gap, no double apply).
 *
 * <p>Objects a scan found with replication work in flight are left by the plan; when there were any and rounds
 * remain, the loop waits until the cycle has replicated the events the scan saw, then scans and plans again (a
 * table created before the listener existed and altered during a bootstrap is in flight for one round, and copied
 * whole in the next).
 */
public final class Convergence {
    private static final Logger LOG = LoggerFactory.getLogger(Convergence.class);

    private final String link;
    private final RegionId source;
    private final EventLog events;
    private final RepairPlanner planner;
    private final RepairRun run;

    public Convergence(String link, RegionId source, EventLog events, RepairPlanner planner, RepairRun run) {
        this.link = Objects.requireNonNull(link, "link");
        this.source = Objects.requireNonNull(source, "source");
        this.events = Objects.requireNonNull(events, "events");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.run = Objects.requireNonNull(run, "run");
    }

    /** One scan, plan and run. */
    public record Round(List<ReconcileScan> scans, RepairPlan plan, Optional<RepairOutcome> outcome) {
        public Round {
            scans = List.copyOf(scans);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(outcome, "outcome");
        }

        boolean foundWorkInFlight() {
            return scans.stream().anyMatch(scan -> scan.objectsInFlight() > 0);
        }
    }

    /**
     * What the loop did and found at the end.
     *
     * @param rounds each round's scan, plan and outcome
     * @param finalScans the scan after the last round
     * @param finalPlan what a plan of the final scan would still do (its objects are what is left)
     */
    public record Result(List<Round> rounds, List<ReconcileScan> finalScans, RepairPlan finalPlan) {
        public Result {
            rounds = List.copyOf(rounds);
            finalScans = List.copyOf(finalScans);
        }

        /** True when every final scan could check its table and found no divergence (work in flight is not one). */
        public boolean consistent() {
            return finalScans.stream().allMatch(scan -> scan.status() == ReconcileScan.Status.CONSISTENT);
        }
    }

    /** What the loop tells its caller as it goes. */
    public interface Listener {
        void planned(int round, RepairPlan plan);

        void line(String line);
    }

    /** The link's event position now: the newest event id captured from its source region. */
    public long eventPosition() {
        return events.latestId(source);
    }

    /**
     * Runs up to {@code maxRounds} rounds over {@code scope}, each waiting at most {@code timeout} for its jobs.
     * Needs the link's replication cycle running meanwhile ({@link ReplicationDriver}).
     */
    public Result converge(ScopeScan scope, int maxRounds, Duration timeout, Duration progressInterval,
            Listener listener) {
        long position = eventPosition();
        return converge(position, scope.scan(), scope, maxRounds, timeout, progressInterval, listener);
    }

    /**
     * As {@link #converge(ScopeScan, int, Duration, Duration, Listener)}, starting from {@code firstScans} already
     * made of the scope, with {@code position} read before them or after them (the jobs read the source when they
     * run, so every event up to the position is in what they publish either way).
     */
    public Result converge(long position, List<ReconcileScan> firstScans, ScopeScan scope, int maxRounds,
            Duration timeout, Duration progressInterval, Listener listener) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be >= 1: " + maxRounds);
        }
        List<ReconcileScan> scans = firstScans;
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; ; round++) {
            RepairPlan plan = planner.plan(link, entries(scans));
            listener.planned(round, plan);
            long seenThrough = events.latestId(source);
            Optional<RepairOutcome> outcome = plan.isEmpty() ? Optional.empty() : Optional.of(run.run(plan, position,
                    timeout, new RepairRun.Progress(progressInterval, listener::line)));
            Round done = new Round(scans, plan, outcome);
            rounds.add(done);
            if (plan.isEmpty() && !done.foundWorkInFlight()) {
                return new Result(rounds, scans, plan);
            }
            boolean another = done.foundWorkInFlight() && round < maxRounds;
            if (another) {
                listener.line("waiting for the replication of the work in flight during the scan (events up to "
                        + seenThrough + ") before planning again");
                if (!run.awaitReplicatedThrough(seenThrough, timeout)) {
                    listener.line("events up to " + seenThrough + " were not replicated within " + timeout);
                    another = false;
                }
            }
            position = eventPosition();
            scans = scope.scan();
            if (!another) {
                return new Result(rounds, scans, planner.plan(link, entries(scans)));
            }
            LOG.info("link {}: round {} of {} found work in flight; planning again at event position {}", link,
                    round, maxRounds, position);
        }
    }

    private static List<Divergence> entries(List<ReconcileScan> scans) {
        return scans.stream().flatMap(scan -> scan.divergences().stream()).toList();
    }
}
