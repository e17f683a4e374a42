package io.strait.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A part of a data file the digest reads in one go, as Spark splits files: byte range [{@code start}, {@code end})
 * of file {@code path} on side {@code side} (0: source, 1: target), which belongs to {@code objects}; the Parquet
 * row groups whose middle lies in the range, or the ORC stripes whose first byte does.
 */
record DigestSplit(int side, long[] objects, String path, long start, long end) implements Serializable {
    long length() {
        return end - start;
    }

    /** The splits of a file of {@code length} bytes into parts of at most {@code maxBytes}; none if it is empty. */
    static List<DigestSplit> of(int side, long[] objects, String path, long length, long maxBytes) {
        List<DigestSplit> splits = new ArrayList<>();
        for (long start = 0; start < length; start += maxBytes) {
            splits.add(new DigestSplit(side, objects, path, start, Math.min(length, start + maxBytes)));
        }
        return splits;
    }

    /** {@code splits} in at most {@code slices} slices of about equal bytes (the largest split first). */
    static List<ArrayList<DigestSplit>> balance(List<DigestSplit> splits, int slices) {
        int count = Math.max(1, Math.min(slices, splits.size()));
        List<ArrayList<DigestSplit>> balanced = new ArrayList<>();
        long[] bytes = new long[count];
        for (int s = 0; s < count; s++) {
            balanced.add(new ArrayList<>());
        }
        List<DigestSplit> largestFirst = splits.stream()
                .sorted(Comparator.comparingLong(DigestSplit::length).reversed()).toList();
        for (DigestSplit split : largestFirst) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (bytes[s] < bytes[least]) {
                    least = s;
                }
            }
            balanced.get(least).add(split);
            bytes[least] += split.length();
        }
        return balanced;
    }
}
