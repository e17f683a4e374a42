package io.strait.common.copy;

import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionFileSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files of a new version need not cross regions again (a delta copy). Pure.
 *
 * <p>A source file is reusable when the object's previous version is the one readers see now (its version folder is
 * the target's current location of the object) and that version's manifest recorded a VERIFIED file at the same
 * relative path whose source had the same length and the same (known) modification time as the file listed now,
 * with a checksum. The new version folder then gets the previous file inside the target region, and the executor
 * verifies it by length and checksum against that manifest before it counts. A source rewritten in place with the
 * same length within the filesystem's time granularity is not seen here (the same limit as the copier's check of a
 * source that changes while it is read); reconcile at bytes depth is the net.
 */
public final class DeltaDecider {
    private DeltaDecider() {
    }

    /**
     * The reusable files among {@code sourceFiles} (listed now), in their order.
     *
     * @param previous the object's last replicated version, if any
     * @param currentTargetLocation where the target metastore's object points now (empty if it does not exist)
     */
    public static List<ReusableFile> reusable(List<FileEntry> sourceFiles, Optional<ReplicatedVersion> previous,
            Optional<String> currentTargetLocation) {
        if (previous.isEmpty() || currentTargetLocation.isEmpty() || !Locations.canonical(currentTargetLocation.get())
                .equals(Locations.canonical(previous.get().targetDirectory()))) {
            return List.of();
        }
        Map<String, ReplicatedVersion.VerifiedFile> recorded = new HashMap<>();
        previous.get().files().forEach(file -> recorded.put(file.relativePath(), file));
        List<ReusableFile> reusable = new ArrayList<>();
        for (FileEntry file : sourceFiles) {
            ReplicatedVersion.VerifiedFile before = recorded.get(file.relativePath());
            if (before != null && unchanged(file, before)) {
                reusable.add(new ReusableFile(file.relativePath(), RegionFileSystem.resolve(
                        previous.get().targetDirectory(), file.relativePath()), before.sizeBytes(), before.checksum(),
                        before.verifiedAtMillis()));
            }
        }
        return List.copyOf(reusable);
    }

    /** {@code tasks} with each one's reusable files attached. */
    public static List<CopyTask> attach(List<CopyTask> tasks, List<ReusableFile> reusable) {
        if (reusable.isEmpty()) {
            return tasks;
        }
        Map<String, ReusableFile> byPath = new HashMap<>();
        reusable.forEach(file -> byPath.put(file.relativePath(), file));
        List<CopyTask> attached = new ArrayList<>();
        for (CopyTask task : tasks) {
            List<ReusableFile> own = task.files().stream().map(file -> byPath.get(file.relativePath()))
                    .filter(java.util.Objects::nonNull).toList();
            attached.add(task.withReusable(own));
        }
        return List.copyOf(attached);
    }

    private static boolean unchanged(FileEntry now, ReplicatedVersion.VerifiedFile before) {
        return now.sizeBytes() == before.sizeBytes()
                && now.modificationTimeMillis() != FileIdentity.UNKNOWN_TIME
                && now.modificationTimeMillis() == before.modificationTimeMillis()
                && !before.checksum().isEmpty();
    }
}
