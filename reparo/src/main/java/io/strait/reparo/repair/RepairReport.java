package io.strait.reparo.repair;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a repair or bootstrap did, for people: the objects repaired (an action ran and the scan after it finds
 * nothing left on the object) with their classes, the jobs that did not succeed, the folders quarantined, and what
 * is left. A pure rendering of a {@link Convergence.Result}.
 */
public final class RepairReport {
    private RepairReport() {
    }

    /** The objects repaired: each action's object that the final plan no longer names (nor, for a whole table, any of its objects). */
    public static List<RepairAction> repaired(Convergence.Result result) {
        Set<ObjectRef> remaining = new HashSet<>();
        result.finalPlan().actions().forEach(action -> remaining.add(action.object()));
        result.finalPlan().left().forEach(left -> remaining.add(left.object()));
        List<RepairAction> repaired = new ArrayList<>();
        Set<ObjectRef> seen = new HashSet<>();
        for (Convergence.Round round : result.rounds()) {
            for (RepairAction action : round.plan().actions()) {
                if (round.outcome().isPresent() && isRepaired(action, remaining) && seen.add(action.object())) {
                    repaired.add(action);
                }
            }
        }
        return repaired;
    }

    private static boolean isRepaired(RepairAction action, Set<ObjectRef> remaining) {
        if (remaining.contains(action.object())) {
            return false;
        }
        if (action.kind().coversEveryPartition()) {
            return remaining.stream().noneMatch(object -> object.level() != ObjectRef.Level.DATABASE
                    && object.tableRef().equals(action.object().tableRef()));
        }
        return true;
    }

    /** Lines for people, ending with the summary {@code repaired: n object(s) (...); left: m object(s)}. */
    public static String text(String what, Convergence.Result result) {
        StringBuilder text = new StringBuilder();
        for (Convergence.Round round : result.rounds()) {
            round.outcome().ifPresent(outcome -> describe(outcome, text));
        }
        RepairPlan left = result.finalPlan();
        for (RepairAction action : left.actions()) {
            text.append(String.format(Locale.ROOT, "  still divergent: %s %s%n", action.object(), action.causeList()));
        }
        for (LeftObject object : left.left()) {
            text.append(String.format(Locale.ROOT, "  left: %s %s: %s%n", object.object(), object.causeList(),
                    object.reason()));
        }
        List<RepairAction> repaired = repaired(result);
        int leftCount = left.actions().size() + left.left().size();
        text.append(String.format(Locale.ROOT, "%s: repaired %d object(s)%s; left %d object(s); the scan after it is %s%n",
                what, repaired.size(), classes(repaired), leftCount,
                result.consistent() ? "consistent" : "not consistent"));
        return text.toString();
    }

    private static void describe(RepairOutcome outcome, StringBuilder text) {
        for (ReplicationJob job : outcome.unsuccessful()) {
            text.append(String.format(Locale.ROOT, "  %s job %d %s %s: %s%n", job.state(), job.id(), job.kind(),
                    job.object(), job.lastError().lines().findFirst().orElse("")));
        }
        for (QuarantineResult result : outcome.quarantine()) {
            if (result.moved()) {
                text.append(String.format(Locale.ROOT, "  quarantined %s: %s -> %s%n", result.move().object(),
                        result.move().location(), result.destination()));
            } else {
                text.append(String.format(Locale.ROOT, "  not quarantined %s (%s): %s%n", result.move().object(),
                        result.move().location(), result.detail()));
            }
        }
        if (!outcome.settled()) {
            text.append("  some jobs were not settled in time; they go on in the state store (strait jobs)\n");
        }
    }

    private static String classes(List<RepairAction> repaired) {
        if (repaired.isEmpty()) {
            return "";
        }
        Map<DivergenceClass, Integer> counts = new EnumMap<>(DivergenceClass.class);
        repaired.forEach(action -> action.causes().forEach(cause -> counts.merge(cause, 1, Integer::sum)));
        return counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
