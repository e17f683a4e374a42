package io.strait.common.copy;

import java.util.List;
import java.util.Objects;

/**
 * The version of an object its last SUCCEEDED job published into the target region: the job, its version folder
 * and the files its manifest recorded as VERIFIED.
 */
public record ReplicatedVersion(long jobId, String targetDirectory, List<VerifiedFile> files) {
    public ReplicatedVersion {
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    /**
     * A VERIFIED file of the manifest: relative path, length and modification time of the source file as listed
     * when the version was planned, the checksum both the source read and the target re-read had, and when the
     * manifest recorded the file as verified ({@code verifiedAtMillis}, 0 when unknown).
     */
    public record VerifiedFile(String relativePath, long sizeBytes, long modificationTimeMillis, String checksum,
            long verifiedAtMillis) {
        public VerifiedFile {
            Objects.requireNonNull(relativePath, "relativePath");
            Objects.requireNonNull(checksum, "checksum");
        }

        /** A file whose time of verification is unknown. */
        public VerifiedFile(String relativePath, long sizeBytes, long modificationTimeMillis, String checksum) {
            this(relativePath, sizeBytes, modificationTimeMillis, checksum, 0);
        }
    }
}
