package io.strait.ops.reconcile;

import io.strait.common.copy.VersionFolders;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.Locations;
import io.strait.reparo.scan.CopyRecords;
import io.strait.sql.job.JdbcReconcileReads;
import io.strait.sql.job.JdbcReconcileReads.VerifiedCopy;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The copy records of a replica's locations from the state store: a location that is a Strait version folder
 * ({@code .../_strait_v<job>_<attempt>}) names the job that wrote it; that job's VERIFIED manifest rows are the
 * record, provided the job's target location is that very folder. Read in batches, once per table scan.
 */
public final class StateStoreCopyRecords implements CopyRecords {
    private static final Pattern VERSION_FOLDER = Pattern.compile(Pattern.quote(VersionFolders.PREFIX)
            + "(\\d+)_(\\d+)");

    private final JdbcReconcileReads reads;

    public StateStoreCopyRecords(JdbcReconcileReads reads) {
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public Map<String, Map<String, RecordedFile>> verifiedFiles(TableRef table, Collection<String> locations) {
        Map<String, Long> jobOfLocation = new HashMap<>();
        for (String location : locations) {
            jobId(location).ifPresent(id -> jobOfLocation.put(location, id));
        }
        if (jobOfLocation.isEmpty()) {
            return Map.of();
        }
        Map<Long, VerifiedCopy> copies = reads.verifiedCopies(jobOfLocation.values());
        Map<String, Map<String, RecordedFile>> recorded = new HashMap<>();
        jobOfLocation.forEach((location, id) -> {
            VerifiedCopy copy = copies.get(id);
            if (copy != null && Locations.canonical(copy.targetLocation()).equals(Locations.canonical(location))) {
                Map<String, RecordedFile> files = new HashMap<>();
                copy.files().forEach((path, file) -> files.put(path, new RecordedFile(file.sizeBytes(),
                        file.sourceModifiedMillis(), file.checksum())));
                recorded.put(location, files);
            }
        });
        return recorded;
    }

    /** The job id a version folder location names. */
    static OptionalLong jobId(String location) {
        String trimmed = Locations.canonical(location);
        Matcher matcher = VERSION_FOLDER.matcher(trimmed.substring(trimmed.lastIndexOf('/') + 1));
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }
}
