package io.strait.reparo;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.TableRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies a consistent cut to one table's divergences: every object with work in flight ({@link InFlight}) is
 * reported once as {@link DivergenceClass#IN_FLIGHT}, its detail naming the work and what differed at scan time
 * ({@code differs now: MISSING_FILE 2, ...} or {@code no difference seen}); the divergences on it are folded into
 * that entry. Nothing is dropped silently. With work on the whole table, the table's one entry stands for every
 * object of it. A pure function; the result is ordered like the diff's (table first, then partition values, path,
 * class).
 */
public final class InFlightCut {
    private static final Comparator<Divergence> ORDER = Comparator
            .comparing(Divergence::partitionValues, InFlight::compareValues)
            .thenComparing(Divergence::relativePath)
            .thenComparing(Divergence::divergenceClass);

    private InFlightCut() {
    }

    public static List<Divergence> apply(TableRef table, List<Divergence> divergences, InFlight inFlight) {
        if (inFlight.isEmpty()) {
            return divergences;
        }
        Map<List<String>, List<Divergence>> folded = new HashMap<>();
        List<Divergence> result = new ArrayList<>();
        for (Divergence divergence : divergences) {
            List<String> object = inFlight.wholeTable() ? List.of() : divergence.partitionValues();
            if (inFlight.reason(object).isPresent()) {
                folded.computeIfAbsent(object, ignored -> new ArrayList<>()).add(divergence);
            } else {
                result.add(divergence);
            }
        }
        for (List<String> object : inFlight.objects()) {
            String reason = inFlight.reason(object).orElseThrow();
            result.add(new Divergence(DivergenceClass.IN_FLIGHT, table, object, "",
                    reason + "; " + differences(folded.getOrDefault(object, List.of()))));
        }
        result.sort(ORDER);
        return List.copyOf(result);
    }

    private static String differences(List<Divergence> divergences) {
        if (divergences.isEmpty()) {
            return "no difference seen";
        }
        Map<DivergenceClass, Long> byClass = divergences.stream().collect(Collectors.groupingBy(
                Divergence::divergenceClass, () -> new EnumMap<>(DivergenceClass.class), Collectors.counting()));
        return "differs now: " + byClass.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
