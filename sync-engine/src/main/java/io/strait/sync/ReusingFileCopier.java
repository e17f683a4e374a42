package io.strait.sync;

import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReusableFile;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.StoredFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a file the previous version already holds into the new version folder without sending it across regions:
 * {@link RegionFileSystem#copyWithin} on the target (a hard link on a local filesystem, a copy inside the cluster on
 * HDFS), then verifies the new file against the previous manifest's length and CRC32C. The source is only asked for
 * its status (no byte read): it must still be the file that was listed. When anything does not hold (the source
 * changed, the previous file is gone or differs, the target refused), the half-made file is removed and the answer
 * is empty: the caller sends the file as usual.
 *
 * <p>How the new file is verified ({@link FileCopyResult#verifiedBy}):
 * <ul>
 *   <li>{@link VerificationMethod#SAME_FILE} where the target names its files' data by a key
 *   ({@link RegionFileSystem#storedFile}: device and inode on {@code file:}) and the manifest says when the previous
 *   file was verified: the previous file must have the recorded length and a modification time not later than that
 *   (else it changed since it was verified: it is not reused, and a warning names it), and the new file must be that
 *   same stored file, unchanged (same key, length and modification time). Its bytes are then the ones verified
 *   when they were sent and are not read again. Bit rot in them is reconcile's to find at {@code bytes} depth.</li>
 *   <li>{@link VerificationMethod#TARGET_REREAD} otherwise (no key, time of verification unknown, or the new file is
 *   not the previous one, e.g. the filesystem copied instead of linking): an independent re-read of the new file
 *   must give the recorded length and CRC32C.</li>
 * </ul>
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
            Optional<StoredFile> before = previous.verifiedAtMillis() > 0 ? target.storedFile(previous.previousUri())
                    : Optional.empty();
            if (before.isPresent()) {
                Optional<String> changedSince = changedSinceVerified(before.get(), previous);
                if (changedSince.isPresent()) {
                    return sendInstead(file, changedSince.get(), targetUri, false);
                }
            }
            target.copyWithin(previous.previousUri(), targetUri);
            if (before.isPresent()) {
                Optional<StoredFile> made = target.storedFile(targetUri);
                if (made.isPresent() && made.get().sameFileUnchanged(before.get())) {
                    return Optional.of(verified(file, previous, VerificationMethod.SAME_FILE));
                }
                LOG.warn("file {} in region {}: {} is not the previous file {} it was made from ({} against {}): it is"
                        + " verified by re-reading it", file.relativePath(), target.region(), targetUri,
                        previous.previousUri(), made.map(StoredFile::toString).orElse("no key"), before.get());
            }
            return reread(file, previous, targetUri);
        } catch (FileNotFoundException gone) { // the source or the previous file: the message names it
            return sendInstead(file, gone.getMessage(), targetUri, true);
        } catch (NoSuchFileException gone) { // the link's: the new folder exists, so the previous file is gone
            return sendInstead(file, "the previous file " + previous.previousUri() + " does not exist", targetUri,
                    true);
        } catch (IOException | RuntimeException e) {
            return sendInstead(file, e.toString(), targetUri, true);
        }
    }

    /**
     * Why the previous file is not the one its manifest verified any more (another length, or modified after it was
     * recorded as verified); empty when it still is.
     */
    static Optional<String> changedSinceVerified(StoredFile previousFile, ReusableFile previous) {
        if (previousFile.length() != previous.sizeBytes()) {
            return Optional.of("the previous file " + previous.previousUri() + " changed since it was verified: its"
                    + " length is " + previousFile.length() + ", its manifest recorded " + previous.sizeBytes());
        }
        if (previousFile.modificationTimeMillis() > previous.verifiedAtMillis()) {
            return Optional.of("the previous file " + previous.previousUri() + " changed since it was verified: it"
                    + " was modified at " + previousFile.modificationTimeMillis() + " ms, after its manifest recorded"
                    + " it verified at " + previous.verifiedAtMillis() + " ms");
        }
        return Optional.empty();
    }

    private Optional<FileCopyResult> reread(FileEntry file, ReusableFile previous, String targetUri)
            throws IOException {
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
        return Optional.of(verified(file, previous, VerificationMethod.TARGET_REREAD));
    }

    private static FileCopyResult verified(FileEntry file, ReusableFile previous, VerificationMethod method) {
        return new FileCopyResult(file.relativePath(), previous.sizeBytes(), previous.checksum(), previous.checksum(),
                FileVerification.VERIFIED, "", true, method);
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
