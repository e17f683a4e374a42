package io.strait.spark;

import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.VerificationMethod;
import java.io.Serializable;

/** A file's {@link FileCopyResult} as an executor sends it back, with the process that copied it. */
record FileOutcome(int taskIndex, int fileIndex, String relativePath, long sizeBytes, String sourceChecksum,
        String targetChecksum, String verification, String detail, boolean reused, String process,
        String verifiedBy) implements Serializable {
    private static final long serialVersionUID = 1L;

    static FileOutcome of(FileWork work, FileCopyResult result, String process) {
        return new FileOutcome(work.taskIndex(), work.fileIndex(), result.relativePath(), result.sizeBytes(),
                result.sourceChecksum(), result.targetChecksum(), result.verification().name(), result.detail(),
                result.reused(), process, result.verifiedBy() == null ? "" : result.verifiedBy().name());
    }

    FileCopyResult result() {
        return new FileCopyResult(relativePath, sizeBytes, sourceChecksum, targetChecksum,
                FileVerification.valueOf(verification), detail, reused,
                verifiedBy.isEmpty() ? null : VerificationMethod.valueOf(verifiedBy));
    }
}
