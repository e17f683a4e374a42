package io.strait.common.config;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A link's scheduled reconcile ({@code links[].reconcile}): a scan of {@code scope} every {@code interval}, a scan of
 * its recent partitions every {@code recentInterval}, and automatic repair of the {@code repair} classes.
 *
 * @param interval how often the whole scope is scanned
 * @param depth how deep each scan looks
 * @param scope the names scanned ({@code DB}, {@code DB.TABLE} or patterns); empty: every table of the link
 * @param recentInterval how often the recent partitions are scanned; empty: never apart
 * @param recentWindow how recent a partition is: its source {@code transient_lastDdlTime}, or a date-like partition
 *     value, within this much of now
 * @param repair the classes repaired automatically after a scheduled scan (never extra objects: deleting them
 *     needs an operator)
 */
public record ScheduledReconcileConfig(Duration interval, ReconcileDepth depth, List<String> scope,
        Optional<Duration> recentInterval, Duration recentWindow, Set<DivergenceClass> repair) {
    /** Classes that are never repaired automatically: extra objects are dropped only by an operator. */
    public static final Set<DivergenceClass> NEVER_AUTOMATIC = Set.of(DivergenceClass.EXTRA_TABLE,
            DivergenceClass.EXTRA_PARTITION, DivergenceClass.IN_FLIGHT);

    public ScheduledReconcileConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(depth, "depth");
        scope = List.copyOf(scope);
        Objects.requireNonNull(recentInterval, "recentInterval");
        Objects.requireNonNull(recentWindow, "recentWindow");
        repair = repair.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(repair));
    }
}
