package io.strait.reparo.repair;

import io.strait.common.divergence.DivergenceClass;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a repair will do, computed from a scan's divergences by {@link RepairPlanner} before anything runs: at most
 * one action per object, in the order its jobs are created (databases, then each table followed by its partitions),
 * and the objects left as they are with the reason. Printed first; {@code --dry-run} prints only this.
 *
 * @param link the link whose target region is repaired
 * @param actions what to do, one per object
 * @param left the objects with divergences that the plan leaves, one per object
 */
public record RepairPlan(String link, List<RepairAction> actions, List<LeftObject> left) {
    public RepairPlan {
        Objects.requireNonNull(link, "link");
        actions = List.copyOf(actions);
        left = List.copyOf(left);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** The divergence classes the actions repair. */
    public Set<DivergenceClass> repairedClasses() {
        Set<DivergenceClass> classes = EnumSet.noneOf(DivergenceClass.class);
        actions.forEach(action -> classes.addAll(action.causes()));
        return classes;
    }

    /** The plan for people: a header, one line per action, then one line per object left. Ends with a line break. */
    public String text() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "repair plan for link %s: %d action(s), %d object(s) left as they are%n", link, actions.size(),
                left.size()));
        for (RepairAction action : actions) {
            text.append(String.format(Locale.ROOT, "  %-15s %-40s %s (%s)%n", action.kind(), action.object(),
                    action.causeList(), action.kind().description()));
        }
        if (!left.isEmpty()) {
            text.append("left as they are:\n");
            for (LeftObject object : left) {
                text.append(String.format(Locale.ROOT, "  %-15s %-40s %s: %s%n", "LEFT", object.object(),
                        object.causeList(), object.reason()));
            }
        }
        return text.toString();
    }
}
