package io.strait.sql.report;

import java.util.List;

/** Nearest-rank percentiles. Pure. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The nearest-rank {@code percentile} (1 to 100) of {@code values} (any order): the smallest value such that
     * at least {@code percentile}% of the values are less than or equal to it. 0 when there are no values.
     */
    public static long nearestRank(List<Long> values, int percentile) {
        if (percentile < 1 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be within 1..100: " + percentile);
        }
        if (values.isEmpty()) {
            return 0;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        long rank = ((long) percentile * sorted.length + 99) / 100;
        return sorted[(int) rank - 1];
    }
}
