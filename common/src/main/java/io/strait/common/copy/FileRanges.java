package io.strait.common.copy;

import java.util.ArrayList;
import java.util.List;

/**
 * How a large file is cut into byte ranges that are copied in parallel and joined on the target
 * ({@link io.strait.common.region.RegionFileSystem#rangedWrite}).
 */
public final class FileRanges {
    private FileRanges() {
    }

    /** One range of a file: its index (from 0), first byte and length. */
    public record FileRange(int index, long offset, long length) {
        public FileRange {
            if (index < 0 || offset < 0 || length < 1) {
                throw new IllegalArgumentException("invalid range " + index + " at " + offset + " of " + length);
            }
        }
    }

    /**
     * The ranges of a file of {@code length} bytes: none when it is not above {@code threshold} (it is copied
     * whole), else ranges of {@code rangeBytes} rounded up to a multiple of {@code alignment} (the target's block
     * size, so every range but the last fills whole blocks; 1 for none), the last holding the rest. A file that
     * would make a single range is copied whole.
     */
    public static List<FileRange> plan(long length, long threshold, long rangeBytes, long alignment) {
        if (threshold < 0 || rangeBytes < 1 || alignment < 1) {
            throw new IllegalArgumentException("threshold " + threshold + ", range " + rangeBytes + ", alignment "
                    + alignment);
        }
        if (length <= threshold) {
            return List.of();
        }
        long size = (rangeBytes + alignment - 1) / alignment * alignment;
        if (size >= length) {
            return List.of();
        }
        List<FileRange> ranges = new ArrayList<>();
        for (long offset = 0; offset < length; offset += size) {
            ranges.add(new FileRange(ranges.size(), offset, Math.min(size, length - offset)));
        }
        return List.copyOf(ranges);
    }
}
