package io.strait.sync;

/**
 * When a file is copied as byte ranges in parallel: above {@code thresholdBytes}, in ranges of {@code rangeBytes}
 * (see {@link io.strait.common.copy.FileRanges#plan}), where the target can join ranges.
 */
public record CopyRanges(long thresholdBytes, long rangeBytes) {
    /** Every file is copied whole. */
    public static final CopyRanges NONE = new CopyRanges(Long.MAX_VALUE, Long.MAX_VALUE);

    public CopyRanges {
        if (thresholdBytes < 0 || rangeBytes < 1) {
            throw new IllegalArgumentException("threshold " + thresholdBytes + " and range " + rangeBytes);
        }
    }
}
