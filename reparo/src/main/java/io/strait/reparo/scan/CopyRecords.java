package io.strait.reparo.scan;

import io.strait.common.metastore.TableRef;
import java.util.Collection;
import java.util.Map;

/**
 * What Strait recorded when it verified the copies now at a region's locations: for a replica's version folder, the
 * files the job that wrote it copied and verified. Used at {@code files} depth, on the target side only. The
 * implementation reads the state store's {@code file_manifest}; {@link #none()} knows nothing.
 */
@FunctionalInterface
public interface CopyRecords {
    /**
     * The recorded files of each of {@code locations} (the current locations of {@code table}'s partitions, or the
     * table's own) that has a record, by location and then by relative path. Locations without one are absent.
     */
    Map<String, Map<String, RecordedFile>> verifiedFiles(TableRef table, Collection<String> locations);

    /** No records: {@code files} depth then compares names and sizes only. */
    static CopyRecords none() {
        return (table, locations) -> Map.of();
    }

    /**
     * One file as Strait verified it.
     *
     * @param sizeBytes the bytes copied and verified
     * @param sourceModifiedMillis the modification time of the source version that was copied
     * @param checksum the checksum of the bytes written, as read back from the closed target file
     */
    record RecordedFile(long sizeBytes, long sourceModifiedMillis, String checksum) {
    }
}
