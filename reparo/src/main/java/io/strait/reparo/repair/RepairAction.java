package io.strait.reparo.repair;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One step of a {@link RepairPlan}: what to do to one object of the target region, and the divergence classes it
 * repairs.
 *
 * @param kind what to do
 * @param object the database, table or partition
 * @param causes the classes of the divergences found on the object (or, for a table that is replicated whole, on
 *     its partitions too)
 */
public record RepairAction(RepairActionKind kind, ObjectRef object, Set<DivergenceClass> causes) {
    public RepairAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        causes = causes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(causes));
    }

    /** The causes in declaration order, e.g. {@code MISSING_FILE, DIFFERENT_FILE}. */
    public String causeList() {
        return causes.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }
}
