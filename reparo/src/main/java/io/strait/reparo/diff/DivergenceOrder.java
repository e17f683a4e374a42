package io.strait.reparo.diff;

import io.strait.common.divergence.Divergence;
import java.util.Comparator;
import java.util.List;

/**
 * The order reconcile reports divergences in: table-level first, then by partition values (element by element),
 * then by file path, then by class. Independent of the order the regions listed their objects in.
 */
final class DivergenceOrder implements Comparator<Divergence> {
    static final DivergenceOrder INSTANCE = new DivergenceOrder();
    static final Comparator<List<String>> VALUES = DivergenceOrder::compareValues;

    private DivergenceOrder() {
    }

    @Override
    public int compare(Divergence left, Divergence right) {
        int byPartition = compareValues(left.partitionValues(), right.partitionValues());
        if (byPartition != 0) {
            return byPartition;
        }
        int byPath = left.relativePath().compareTo(right.relativePath());
        if (byPath != 0) {
            return byPath;
        }
        return left.divergenceClass().compareTo(right.divergenceClass());
    }

    static int compareValues(List<String> left, List<String> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int compared = left.get(i).compareTo(right.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
