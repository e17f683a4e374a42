package io.strait.reparo.repair;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.MetastoreGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RepairPlan} as ordinary replication jobs: reads what each dropped object's data folders are, creates
 * the jobs in plan order through {@link JobStore#createRepairJobs} (the planner cursor is not touched), waits until
 * the link's replication cycle (which the caller keeps running, see {@link ReplicationDriver}) has settled every one,
 * reporting progress, then moves the data of the objects whose drop succeeded into the {@link Quarantine}.
 *
 * <p>Resumable: a job the plan calls for that an earlier repair or bootstrap already created and that is still
 * unfinished (its process stopped) is not created again; this run waits for it instead.
 */
public final class RepairRun {
    private static final Logger LOG = LoggerFactory.getLogger(RepairRun.class);
    private static final Duration POLL = Duration.ofMillis(300);

    private final String link;
    private final JobOrigin origin;
    private final JobStore jobs;
    private final MetastoreGateway source;
    private final Quarantine quarantine;
    private final Clock clock;

    public RepairRun(String link, JobOrigin origin, JobStore jobs, MetastoreGateway source, Quarantine quarantine,
            Clock clock) {
        this.link = Objects.requireNonNull(link, "link");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.source = Objects.requireNonNull(source, "source");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How the run reports while it waits: a line every {@code interval}, and when it starts and ends. */
    public record Progress(Duration interval, Consumer<String> lines) {
        public static Progress none() {
            return new Progress(Duration.ofDays(1), line -> { });
        }
    }

    /**
     * Runs {@code plan}: its jobs carry {@code eventPosition} as their source event id (the newest event id captured
     * from the source region when the plan was made, or, for a bootstrap, before its scan). Waits at most
     * {@code timeout}; jobs not settled by then go on in the state store.
     */
    public RepairOutcome run(RepairPlan plan, long eventPosition, Duration timeout, Progress progress) {
        if (!plan.link().equals(link)) {
            throw new IllegalArgumentException("plan of link " + plan.link() + " run on link " + link);
        }
        Map<RepairAction, List<QuarantineMove>> moves = new LinkedHashMap<>();
        plan.actions().stream().filter(action -> action.kind().removesExtraObject())
                .forEach(action -> moves.put(action, quarantine.movesFor(action)));
        Map<RepairAction, List<Long>> jobsOfAction = createJobs(plan, eventPosition);
        List<Long> ids = jobsOfAction.values().stream().flatMap(List::stream).distinct().sorted().toList();
        if (ids.isEmpty()) {
            return new RepairOutcome(plan, eventPosition, List.of(), List.of(), true);
        }
        progress.lines().accept(what() + " " + link + ": waiting for " + ids.size() + " job(s) " + ids.get(0) + ".."
                + ids.get(ids.size() - 1) + " (source event position " + eventPosition + ")");
        boolean settled = await(ids, timeout, progress);
        List<ReplicationJob> ended = jobs.findAll(ids);
        List<QuarantineResult> quarantined = quarantineDropped(moves, jobsOfAction, ended);
        return new RepairOutcome(plan, eventPosition, ended, quarantined, settled);
    }

    /**
     * Creates the jobs of {@code plan} and returns their ids without waiting (automatic repair after a scheduled
     * scan: the link's cycle in this process runs them; the next scan sees them in flight). A plan that drops
     * objects is refused: their data must be quarantined after the drop, which needs a run that waits.
     */
    public List<Long> submit(RepairPlan plan, long eventPosition) {
        if (plan.actions().stream().anyMatch(action -> action.kind().removesExtraObject())) {
            throw new IllegalArgumentException("a plan that drops objects is run and awaited, not submitted");
        }
        return createJobs(plan, eventPosition).values().stream().flatMap(List::stream).distinct().sorted().toList();
    }

    /**
     * Waits until the link's replication cycle has planned every event up to {@code eventPosition} and settled
     * every event job of those events: the work a scan found in flight. False when {@code timeout} passed first.
     */
    public boolean awaitReplicatedThrough(long eventPosition, Duration timeout) {
        long deadline = clock.millis() + timeout.toMillis();
        while (clock.millis() < deadline) {
            boolean planned = jobs.plannerCursor(link) >= eventPosition;
            if (planned && jobs.findUnfinished(link).stream().noneMatch(job -> job.origin() == JobOrigin.EVENT
                    && job.sourceEventId() <= eventPosition)) {
                return true;
            }
            sleep();
        }
        return false;
    }

    private Map<RepairAction, List<Long>> createJobs(RepairPlan plan, long eventPosition) {
        RepairJobs expansion = new RepairJobs(link, source, origin, eventPosition, clock.millis());
        Map<JobKey, Long> unfinished = unfinishedRepairJobs();
        List<NewJob> toCreate = new ArrayList<>();
        Map<RepairAction, List<JobSlot>> slots = new LinkedHashMap<>();
        for (RepairAction action : plan.actions()) {
            List<JobSlot> actionSlots = new ArrayList<>();
            for (NewJob job : expansion.jobsFor(action)) {
                Long existing = unfinished.get(new JobKey(job.kind(), job.object()));
                if (existing != null) {
                    LOG.info("link {}: {} {} waits for unfinished job {} of an earlier run", link, job.kind(),
                            job.object(), existing);
                    actionSlots.add(new JobSlot(Optional.of(existing), -1));
                } else {
                    actionSlots.add(new JobSlot(Optional.empty(), toCreate.size()));
                    toCreate.add(job);
                }
            }
            slots.put(action, actionSlots);
        }
        List<Long> created = toCreate.isEmpty() ? List.of() : jobs.createRepairJobs(link, toCreate);
        Map<RepairAction, List<Long>> byAction = new LinkedHashMap<>();
        slots.forEach((action, actionSlots) -> byAction.put(action, actionSlots.stream()
                .map(slot -> slot.existing().orElseGet(() -> created.get(slot.createdIndex()))).toList()));
        return byAction;
    }

    /** A job of an action: one an earlier run left unfinished, or the {@code createdIndex}-th created now. */
    private record JobSlot(Optional<Long> existing, int createdIndex) {
    }

    private record JobKey(JobKind kind, ObjectRef object) {
    }

    private Map<JobKey, Long> unfinishedRepairJobs() {
        Map<JobKey, Long> unfinished = new HashMap<>();
        for (ReplicationJob job : jobs.findUnfinished(link)) {
            if (job.origin() != JobOrigin.EVENT) {
                unfinished.putIfAbsent(new JobKey(job.kind(), job.object()), job.id());
            }
        }
        return unfinished;
    }

    /**
     * Waits until every job is settled or the timeout passes. Each poll reads only the jobs still open (a settled job
     * stays settled while nothing else acts on it), by id, without their manifests; the full progress (jobs by
     * state, files and bytes) is read only for a progress line, so a bootstrap of many jobs does not keep the state
     * store busy with its own waiting.
     */
    private boolean await(List<Long> ids, Duration timeout, Progress progress) {
        long started = clock.millis();
        long deadline = started + timeout.toMillis();
        long nextLine = started + progress.interval().toMillis();
        List<Long> open = ids;
        while (true) {
            open = jobs.unsettled(open);
            long time = clock.millis();
            if (open.isEmpty() || time >= deadline || time >= nextLine) {
                progress.lines().accept(ProgressLine.format(what() + " " + link, jobs.progress(ids),
                        Duration.ofMillis(time - started)));
                nextLine = time + progress.interval().toMillis();
            }
            if (open.isEmpty()) {
                return true;
            }
            if (time >= deadline) {
                LOG.warn("link {}: {} job(s) not settled after {}; they go on in the state store", link,
                        open.size(), timeout);
                return false;
            }
            sleep();
        }
    }

    private List<QuarantineResult> quarantineDropped(Map<RepairAction, List<QuarantineMove>> moves,
            Map<RepairAction, List<Long>> jobsOfAction, List<ReplicationJob> ended) {
        Map<Long, ReplicationJob> byId = new HashMap<>();
        ended.forEach(job -> byId.put(job.id(), job));
        List<QuarantineResult> results = new ArrayList<>();
        moves.forEach((action, folders) -> {
            Optional<ReplicationJob> drop = jobsOfAction.getOrDefault(action, List.of()).stream().map(byId::get)
                    .filter(Objects::nonNull).filter(job -> job.kind().isDrop()).findFirst();
            if (drop.isPresent() && drop.get().state() == JobState.SUCCEEDED) {
                results.addAll(quarantine.quarantine(drop.get().id(), folders));
            } else {
                folders.forEach(folder -> results.add(QuarantineResult.left(folder, "its drop job "
                        + drop.map(job -> job.id() + " ended " + job.state()).orElse("did not run"))));
            }
        });
        return results;
    }

    private String what() {
        return origin == JobOrigin.BOOTSTRAP ? "bootstrap" : "repair";
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StraitException(ErrorCategory.EXTERNAL,
                    "Cannot wait for the repair jobs: interrupted; they go on in the state store", e);
        }
    }
}
