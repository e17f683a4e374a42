package io.strait.common.copy;

import java.util.List;
import java.util.Objects;

/** The outcome of a copy task: one result per file of the task, in the task's order. */
public record CopyTaskResult(long jobId, int taskIndex, List<FileCopyResult> files) {
    public CopyTaskResult {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    public boolean allVerified() {
        return files.stream().allMatch(file -> file.verification() == FileVerification.VERIFIED);
    }

    public long bytesVerified() {
        return files.stream().filter(file -> file.verification() == FileVerification.VERIFIED)
                .mapToLong(FileCopyResult::sizeBytes).sum();
    }

    /** Bytes of verified files that were sent across regions. */
    public long bytesSent() {
        return files.stream().filter(file -> file.verification() == FileVerification.VERIFIED)
                .mapToLong(FileCopyResult::bytesSent).sum();
    }

    /** Bytes of verified files taken from the previous version inside the target region. */
    public long bytesReused() {
        return bytesVerified() - bytesSent();
    }
}
