package io.strait.reparo.diff;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects the divergences of one table diff and spells both sides' values in their details. */
final class Findings {
    private final TableRef table;
    private final RegionId source;
    private final RegionId target;
    private final List<Divergence> divergences = new ArrayList<>();

    Findings(TableRef table, RegionId source, RegionId target) {
        this.table = table;
        this.source = source;
        this.target = target;
    }

    void addTable(DivergenceClass divergenceClass, String detail) {
        divergences.add(new Divergence(divergenceClass, table, List.of(), "", detail));
    }

    void addPartition(DivergenceClass divergenceClass, List<String> values, String detail) {
        divergences.add(new Divergence(divergenceClass, table, values, "", detail));
    }

    void addFile(DivergenceClass divergenceClass, List<String> values, String relativePath, String detail) {
        divergences.add(new Divergence(divergenceClass, table, values, relativePath, detail));
    }

    /** {@code <source value> in a, <target value> in b}; an empty value reads {@code absent}. */
    String bothSides(Optional<String> sourceValue, Optional<String> targetValue) {
        return sourceValue.orElse("absent") + " in " + source + ", " + targetValue.orElse("absent") + " in " + target;
    }

    List<Divergence> sorted() {
        List<Divergence> result = new ArrayList<>(divergences);
        result.sort(DivergenceOrder.INSTANCE);
        return List.copyOf(result);
    }
}
