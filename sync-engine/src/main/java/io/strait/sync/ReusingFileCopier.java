package io.strait.sync;

import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReusableFile;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a file the previous version already holds into the new version folder without sending it across regions:
 * {@link RegionFileSystem#copyWithin} on the target (a hard link on a local filesystem, a copy inside the cluster on
 * HDFS), then an independent re-read of the new file whose length and CRC32C must equal the previous manifest's.
 * The source is only asked for its status (no byte read): it must still be the file that was listed. When anything
 * does not hold (the source changed, the previous file is gone or differs, the target refused), the half-made file is
 * removed and the answer is empty: the caller sends the file as usual.
 */
public final class ReusingFileCopier {
    private static final Logger LOG = LoggerFactory.getLogger(ReusingFileCopier.class);

    private final RegionFileSystem source;
    private final RegionFileSystem target;

    public ReusingFileCopier(RegionFileSystem source, RegionFileSystem target) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
    }

    public Optional<FileCopyResult> reuse(String sourceDirectory, String targetDirectory, FileEntry file,
            ReusableFile previous) {
        String sourceUri = RegionFileSystem.resolve(sourceDirectory, file.relativePath());
        String targetUri = RegionFileSystem.resolve(targetDirectory, file.relativePath());
        try {
            Optional<String> change = FileIdentity.listed(file).describeChange(source.status(sourceUri));
            if (change.isPresent()) {
                return sendInstead(file, "the source changed since it was listed: " + change.get(), targetUri, false);
            }
            target.copyWithin(previous.previousUri(), targetUri);
            long length = target.length(targetUri);
            FileChecksums.Result reread;
            try (InputStream in = target.open(targetUri)) {
                reread = FileChecksums.checksum(in);
            }
            if (length != previous.sizeBytes() || reread.length() != previous.sizeBytes()
                    || !reread.checksum().equals(previous.checksum())) {
                return sendInstead(file, "the previous file " + previous.previousUri() + " reads " + reread.checksum()
                        + " over " + reread.length() + " bytes (length " + length + "), its manifest "
                        + previous.checksum() + " over " + previous.sizeBytes(), targetUri, true);
            }
            return Optional.of(new FileCopyResult(file.relativePath(), reread.length(), previous.checksum(),
                    reread.checksum(), FileVerification.VERIFIED, "", true));
        } catch (IOException | RuntimeException e) {
            return sendInstead(file, e.toString(), targetUri, true);
        }
    }

    private Optional<FileCopyResult> sendInstead(FileEntry file, String why, String targetUri, boolean made) {
        LOG.warn("file {} sent instead of reused in region {}: {}", file.relativePath(), target.region(), why);
        if (made) {
            try {
                target.delete(targetUri);
            } catch (IOException e) {
                LOG.warn("cannot remove {} in region {} before sending it: {}", targetUri, target.region(), e.toString());
            }
        }
        return Optional.empty();
    }
}
