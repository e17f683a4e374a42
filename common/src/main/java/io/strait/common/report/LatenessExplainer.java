package io.strait.common.report;

import io.strait.common.job.JobState;
import io.strait.common.report.LatenessSnapshot.Applied;
import io.strait.common.report.LatenessSnapshot.CopyFacts;
import io.strait.common.report.LatenessSnapshot.JobFacts;
import io.strait.common.report.LatenessSnapshot.Pause;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides why a table or partition is late, a pure function of a {@link LatenessSnapshot}. With a deciding job:
 * FAILED or UNVERIFIABLE → {@link LatenessReason#FAILED}; BLOCKED → {@link LatenessReason#BLOCKED}; waiting to
 * start (PENDING, RETRY_WAIT) on a paused link → {@link LatenessReason#PAUSED}; RETRY_WAIT →
 * {@link LatenessReason#RETRYING}; in flight → {@link LatenessReason#COPYING}; PENDING behind a conflicting lock →
 * {@link LatenessReason#WAITING_BEHIND}; PENDING otherwise → {@link LatenessReason#QUEUED}. Without one: events in
 * the listener's spool → {@link LatenessReason#SPOOLED}; never captured → {@link LatenessReason#NO_EVENT};
 * captured events the planner has not read yet → {@link LatenessReason#NO_CHANGE_SINCE}; else
 * {@link LatenessReason#UP_TO_DATE}. Every answer carries the object's {@link SlaJudge SLA verdict}; a BLOCKED
 * object is reported apart and not judged against the SLA (as by SLA alerts).
 */
public final class LatenessExplainer {
    private static final Set<JobState> IN_FLIGHT = EnumSet.of(JobState.PLANNED, JobState.COPYING, JobState.COPIED,
            JobState.VERIFIED, JobState.COMMITTED);

    private LatenessExplainer() {
    }

    public static Lateness explain(LatenessSnapshot snapshot) {
        if (snapshot.job().isPresent()) {
            return explainJob(snapshot, snapshot.job().get());
        }
        SlaVerdict sla = SlaJudge.verdict(OptionalLong.empty(), snapshot.nowMillis(), snapshot.sla(),
                OptionalLong.empty());
        Map<String, Object> details = new LinkedHashMap<>();
        if (snapshot.spooledEvents().isPresent() && snapshot.spooledEvents().getAsLong() > 0) {
            details.put("spooledEvents", snapshot.spooledEvents().getAsLong());
            listenerContact(snapshot, details);
            return answer(snapshot, LatenessReason.SPOOLED, "the listener of " + snapshot.sourceRegion() + " holds "
                    + snapshot.spooledEvents().getAsLong() + " events in its local spool (the state store was"
                    + " unreachable); they are replicated once it delivers them", details, sla);
        }
        if (!snapshot.everCaptured() && snapshot.applied().isEmpty()) {
            details.put("sourceRegion", snapshot.sourceRegion());
            listenerContact(snapshot, details);
            return answer(snapshot, LatenessReason.NO_EVENT, "no event was ever captured for it in "
                    + snapshot.sourceRegion() + " (listener last contact: " + snapshot.listenerLastContactMillis()
                    .stream().mapToObj(LatenessExplainer::time).findFirst().orElse("never")
                    + "); is the listener installed, is the object covered by the link, or is it older than the"
                    + " link (strait bootstrap)?", details, sla);
        }
        snapshot.applied().ifPresent(applied -> applied(applied, details));
        String since = snapshot.applied().map(applied -> "no change since " + time(applied.capturedAtMillis())
                + " (applied " + time(applied.committedAtMillis()) + ")").orElse("no change pending");
        if (snapshot.unplannedEvents() > 0) {
            details.put("unplannedEvents", snapshot.unplannedEvents());
            return answer(snapshot, LatenessReason.NO_CHANGE_SINCE, since + "; the planner still has "
                    + snapshot.unplannedEvents() + " captured events of " + snapshot.sourceRegion() + " to read",
                    details, sla);
        }
        return answer(snapshot, LatenessReason.UP_TO_DATE, "up to date: " + since, details, sla);
    }

    private static Lateness explainJob(LatenessSnapshot snapshot, JobFacts job) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", job.id());
        details.put("jobState", job.state().name());
        details.put("jobObject", job.object());
        details.put("sourceCapturedAtMs", job.sourceCapturedAtMillis());
        long deadline = job.sourceCapturedAtMillis() + snapshot.sla().toMillis();
        details.put("deadlineAtMs", deadline);
        String ofJob = "job " + job.id() + " (" + job.kind() + " " + job.object() + ")";
        OptionalLong eta = OptionalLong.empty();
        LatenessReason reason;
        String summary;
        if (job.state() == JobState.FAILED || job.state() == JobState.UNVERIFIABLE) {
            reason = LatenessReason.FAILED;
            details.put("attempts", job.attempts());
            details.put("error", job.lastError());
            summary = ofJob + " is " + job.state() + " (attempts: " + job.attempts() + "): " + job.lastError()
                    + "; retry it (strait retry " + job.id() + ") or cancel it";
        } else if (job.state() == JobState.BLOCKED) {
            reason = LatenessReason.BLOCKED;
            details.put("rule", job.lastError());
            summary = ofJob + " is BLOCKED: " + job.lastError();
        } else if (snapshot.pause().isPresent() && !IN_FLIGHT.contains(job.state())) {
            Pause pause = snapshot.pause().get();
            reason = LatenessReason.PAUSED;
            details.put("pausedBy", pause.by());
            details.put("pauseReason", pause.reason());
            details.put("pausedAtMs", pause.sinceMillis());
            summary = "link " + snapshot.link() + " is paused since " + time(pause.sinceMillis()) + " by "
                    + pause.by() + " (" + pause.reason() + "): " + ofJob + " starts once it is resumed";
        } else if (job.state() == JobState.RETRY_WAIT) {
            reason = LatenessReason.RETRYING;
            details.put("attempts", job.attempts());
            details.put("error", job.lastError());
            snapshot.nextAttemptAtMillis().ifPresent(next -> details.put("nextAttemptAtMs", next));
            summary = ofJob + " is retrying after attempt " + job.attempts() + " failed: " + job.lastError()
                    + snapshot.nextAttemptAtMillis().stream().mapToObj(next -> "; next attempt at " + time(next))
                    .findFirst().orElse("");
        } else if (IN_FLIGHT.contains(job.state())) {
            reason = LatenessReason.COPYING;
            eta = copy(snapshot, details);
            summary = ofJob + " is " + job.state() + progress(details) + eta.stream()
                    .mapToObj(at -> "; finishes about " + time(at)).findFirst().orElse("");
        } else if (snapshot.holder().isPresent()) {
            JobFacts holder = snapshot.holder().get();
            reason = LatenessReason.WAITING_BEHIND;
            details.put("holderJobId", holder.id());
            details.put("holderState", holder.state().name());
            details.put("holderObject", holder.object());
            summary = ofJob + " waits for job " + holder.id() + " (" + holder.kind() + " " + holder.object()
                    + ", " + holder.state() + ") which holds a lock on the same object";
        } else {
            reason = LatenessReason.QUEUED;
            snapshot.queuePosition().ifPresent(position -> details.put("queuePosition", position));
            details.put("runnableJobs", snapshot.runnableJobs());
            summary = ofJob + " is queued" + snapshot.queuePosition().stream().mapToObj(position -> ", "
                    + position + " of " + snapshot.runnableJobs() + " runnable jobs of link " + snapshot.link())
                    .findFirst().orElse("") + "; deadline " + time(deadline);
        }
        SlaVerdict sla = reason == LatenessReason.BLOCKED ? new SlaVerdict(SlaStatus.ON_TIME, false, 0,
                OptionalLong.empty(), "a BLOCKED object waits for an operator; it is reported apart, not judged"
                + " against the SLA") : SlaJudge.verdict(OptionalLong.of(job.sourceCapturedAtMillis()),
                snapshot.nowMillis(), snapshot.sla(), eta);
        snapshot.applied().ifPresent(applied -> applied(applied, details));
        return answer(snapshot, reason, summary, details, sla);
    }

    /** Puts the copy's figures into {@code details}; returns the projected finish when a rate is known. */
    private static OptionalLong copy(LatenessSnapshot snapshot, Map<String, Object> details) {
        if (snapshot.copy().isEmpty()) {
            return OptionalLong.empty();
        }
        CopyFacts copy = snapshot.copy().get();
        details.put("bytesDone", copy.bytesDone());
        details.put("bytesTotal", copy.bytesTotal());
        details.put("filesDone", copy.filesDone());
        details.put("filesTotal", copy.filesTotal());
        details.put("copyingSinceMs", copy.copyingSinceMillis());
        long elapsed = snapshot.nowMillis() - copy.copyingSinceMillis();
        if (elapsed <= 0 || copy.bytesDone() <= 0) {
            return OptionalLong.empty();
        }
        long rate = copy.bytesDone() * 1_000 / elapsed;
        details.put("bytesPerSecond", rate);
        long remaining = Math.max(0, copy.bytesTotal() - copy.bytesDone());
        long eta = snapshot.nowMillis() + (rate == 0 ? elapsed : remaining * 1_000 / Math.max(1, rate));
        details.put("etaAtMs", eta);
        return OptionalLong.of(eta);
    }

    private static String progress(Map<String, Object> details) {
        if (!details.containsKey("bytesTotal")) {
            return "";
        }
        return ": " + details.get("bytesDone") + " of " + details.get("bytesTotal") + " bytes, "
                + details.get("filesDone") + " of " + details.get("filesTotal") + " files"
                + (details.containsKey("bytesPerSecond") ? ", " + details.get("bytesPerSecond") + " bytes/s" : "");
    }

    private static void applied(Applied applied, Map<String, Object> details) {
        details.put("lastAppliedEventId", applied.sourceEventId());
        details.put("lastAppliedCapturedAtMs", applied.capturedAtMillis());
        details.put("lastCommittedAtMs", applied.committedAtMillis());
    }

    private static void listenerContact(LatenessSnapshot snapshot, Map<String, Object> details) {
        snapshot.listenerLastContactMillis().ifPresent(at -> details.put("listenerLastContactAtMs", at));
    }

    private static Lateness answer(LatenessSnapshot snapshot, LatenessReason reason, String summary,
            Map<String, Object> details, SlaVerdict sla) {
        return new Lateness(snapshot.objectName(), snapshot.link(), reason, summary, details, sla);
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
