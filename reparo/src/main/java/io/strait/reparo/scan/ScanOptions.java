package io.strait.reparo.scan;

import io.strait.common.divergence.ReconcileDepth;
import java.util.Objects;

/**
 * How a {@link RegionScanner} reads files.
 *
 * @param depth {@code meta}: no file is listed or read; {@code files}: locations are listed; {@code bytes}: every
 *     listed file is also read in full
 * @param hiddenFiles the files ignored below each location
 * @param copyRecords what Strait recorded about the copies at this region's locations (used at {@code files} depth;
 *     give it to the target region's scanner only)
 */
public record ScanOptions(ReconcileDepth depth, HiddenFiles hiddenFiles, CopyRecords copyRecords) {
    /** Every byte read, Hive's hidden files ignored, no copy records. */
    public static final ScanOptions DEFAULT = new ScanOptions(ReconcileDepth.BYTES, HiddenFiles.HIVE,
            CopyRecords.none());

    public ScanOptions {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(hiddenFiles, "hiddenFiles");
        Objects.requireNonNull(copyRecords, "copyRecords");
    }
}
