package io.strait.reparo.repair;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An object a {@link RepairPlan} leaves as it is, and why (e.g. an extra object without {@code --allow-delete}, or
 * one with a replication job in flight).
 *
 * @param object the database, table or partition
 * @param causes the classes of the divergences found on it
 * @param reason why it is left, and what to do about it
 */
public record LeftObject(ObjectRef object, Set<DivergenceClass> causes, String reason) {
    public LeftObject {
        Objects.requireNonNull(object, "object");
        causes = causes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(causes));
        Objects.requireNonNull(reason, "reason");
    }

    public String causeList() {
        return causes.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }
}
