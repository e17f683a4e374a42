package io.strait.sync;

import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileRanges;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.FileLayout;
import io.strait.common.region.RangedWrite;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Copies one file from a source region to a target region and verifies it end to end.
 *
 * <p>The source checksum is CRC32C over the bytes read from the source while streaming them to the target. After
 * the target file is closed it is opened again on the target filesystem and re-read to compute the target checksum:
 * the bytes that storage returns, never the buffer that was written. A file is {@code VERIFIED} only if both
 * checksums are equal and the bytes read from the source, the manifest size, the target's length and the bytes
 * re-read all agree. Otherwise it is {@code MISMATCH}; {@code FAILED} when reading the source or writing the target
 * failed; {@code UNVERIFIABLE} when the closed target could not be re-read. Never throws for a bad file.
 *
 * <p>The checksums cover the bytes as they were read, so they alone cannot tell that the source was overwritten
 * while it was read (the copy would hold a mix of two versions). The source's {@link FileIdentity} (length,
 * modification time, and a file checksum, version or entity tag where the filesystem offers one) is therefore read
 * before the source is opened and again right after its last byte was read. The file is a {@code MISMATCH}, never
 * {@code VERIFIED}, if that identity differs from the manifest's (listed at plan time) or changed during the copy,
 * or if the bytes read differ from the length at the start; the scheduler then retries into a fresh version folder
 * over a new listing. A rewrite that keeps the length and the modification time (within the filesystem's time
 * granularity) is seen only where the filesystem offers a checksum, version or entity tag.
 *
 * <p>Where both sides are HDFS with composite CRC32C file checksums ({@link VerificationMethod#STORED_CHECKSUMS})
 * the target is not re-read: the checksum its DataNodes compose from the chunk checksums they verified on receipt
 * must equal the source's and the CRC32C of the bytes read. The target file is created with the source's layout
 * (block size, replication; {@link RegionFileSystem#layout}), which the target region may override.
 *
 * <p>Where both filesystems offer channels ({@link RegionFileSystem#openChannel}, {@link RegionFileSystem#createChannel}:
 * local files) the bytes go through one direct buffer per copy thread instead of streams: read into it, CRC32C over
 * it in place, written from it; the re-read of the closed target is a fresh channel into that buffer. The checks
 * are the same. Other filesystems (and decorators of them) use streams.
 *
 * <p>A target file that was written but not verified is left where it is: it lies in an unpublished version folder
 * that is never reused.
 */
public final class VerifyingFileCopier {
    public static final int DEFAULT_BUFFER_BYTES = 1 << 16;

    private final RegionFileSystem source;
    private final RegionFileSystem target;
    private final int bufferBytes;
    private final CopyBandwidth bandwidth;
    private final CopyRanges ranges;
    private final RangedFileCopier ranged;
    /** One direct buffer per copy thread for the channel path (local files), made on first use. */
    private final ThreadLocal<ByteBuffer> directBuffers;

    /** A copier whose sent bytes take permits from {@code bandwidth} (shared by the link's copy threads). */
    public VerifyingFileCopier(RegionFileSystem source, RegionFileSystem target, int bufferBytes,
            CopyBandwidth bandwidth) {
        this(source, target, bufferBytes, bandwidth, CopyRanges.NONE, null);
    }

    /**
     * A copier that copies files above {@code ranges}' threshold as byte ranges on {@code rangeThreads} (owned by
     * the caller), where the target can join ranges.
     */
    public VerifyingFileCopier(RegionFileSystem source, RegionFileSystem target, int bufferBytes,
            CopyBandwidth bandwidth, CopyRanges ranges, java.util.concurrent.ExecutorService rangeThreads) {
        this.ranges = Objects.requireNonNull(ranges, "ranges");
        this.ranged = rangeThreads == null ? null
                : new RangedFileCopier(source, target, rangeThreads, bandwidth, bufferBytes);
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes must be positive: " + bufferBytes);
        }
        this.bufferBytes = bufferBytes;
        this.directBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(bufferBytes));
        this.bandwidth = Objects.requireNonNull(bandwidth, "bandwidth");
    }

    public VerifyingFileCopier(RegionFileSystem source, RegionFileSystem target, int bufferBytes) {
        this(source, target, bufferBytes, CopyBandwidth.unlimited());
    }

    public VerifyingFileCopier(RegionFileSystem source, RegionFileSystem target) {
        this(source, target, DEFAULT_BUFFER_BYTES);
    }

    /** Copies {@code file} from below {@code sourceDirectory} to its relative path below {@code targetDirectory}. */
    public FileCopyResult copy(String sourceDirectory, String targetDirectory, FileEntry file) {
        String sourceUri = RegionFileSystem.resolve(sourceDirectory, file.relativePath());
        String targetUri = RegionFileSystem.resolve(targetDirectory, file.relativePath());
        if (ranged != null && file.sizeBytes() > ranges.thresholdBytes()) {
            Optional<FileCopyResult> inRanges = copyInRanges(sourceUri, targetUri, file);
            if (inRanges.isPresent()) {
                return inRanges.get();
            }
        }
        Streamed streamed;
        try {
            streamed = stream(sourceUri, targetUri);
        } catch (IOException | RuntimeException e) {
            return result(file, 0, "", "", FileVerification.FAILED, "copy " + sourceUri + " (region "
                    + source.region() + ") -> " + targetUri + " (region " + target.region() + ") failed: " + e);
        }
        Optional<String> sourceChange = sourceChange(sourceUri, file, streamed);
        TargetReading reread;
        try {
            Optional<FileIdentity> stored = storedChecksums(streamed, targetUri);
            if (stored.isPresent()) {
                return compareStored(file, streamed, stored.get(), sourceChange);
            }
            reread = reread(targetUri);
        } catch (IOException | RuntimeException e) {
            String cannotReread = "cannot re-read " + targetUri + " in region " + target.region() + " to verify it: "
                    + e;
            return sourceChange.isPresent()
                    ? result(file, streamed.bytes().length(), streamed.bytes().checksum(), "",
                            FileVerification.MISMATCH, sourceChange.get() + "; " + cannotReread)
                    : result(file, streamed.bytes().length(), streamed.bytes().checksum(), "",
                            FileVerification.UNVERIFIABLE, cannotReread);
        }
        return compare(file, streamed.bytes(), reread, sourceChange);
    }

    /**
     * A large file as byte ranges copied in parallel and joined on the target; empty when it makes one range or
     * the target cannot join ranges (then it is copied whole). Each range is verified (its stored checksum on
     * HDFS-to-HDFS, else a re-read of that range of the joined file) and so is the whole file, as for a whole copy.
     */
    private Optional<FileCopyResult> copyInRanges(String sourceUri, String targetUri, FileEntry file) {
        List<FileRanges.FileRange> plan;
        Optional<RangedWrite> write;
        try {
            if (FileRanges.plan(file.sizeBytes(), ranges.thresholdBytes(), ranges.rangeBytes(), 1).isEmpty()) {
                return Optional.empty();
            }
            write = target.rangedWrite(targetUri, source.layout(sourceUri));
            if (write.isEmpty()) {
                return Optional.empty();
            }
            plan = FileRanges.plan(file.sizeBytes(), ranges.thresholdBytes(), ranges.rangeBytes(),
                    write.get().alignment());
            if (plan.isEmpty()) {
                write.get().abort();
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of(failed(file, sourceUri, targetUri, e));
        }
        Streamed streamed;
        List<RangedFileCopier.RangeRead> reads;
        try {
            FileIdentity before = source.status(sourceUri);
            reads = ranged.copy(sourceUri, plan, write.get());
            FileIdentity after = source.status(sourceUri);
            write.get().complete(plan.size());
            streamed = new Streamed(before, new FileChecksums.Result(RangedFileCopier.compose(reads),
                    reads.stream().mapToLong(RangedFileCopier.RangeRead::bytes).sum()), after);
        } catch (IOException | RuntimeException e) {
            write.get().abort();
            return Optional.of(failed(file, sourceUri, targetUri, e));
        }
        Optional<String> sourceChange = sourceChange(sourceUri, file, streamed);
        try {
            Optional<FileIdentity> stored = storedChecksums(streamed, targetUri);
            if (stored.isPresent()) {
                List<String> differing = new ArrayList<>();
                for (RangedFileCopier.RangeRead read : reads) {
                    if (!read.stored().equals(read.expectedStored())) {
                        differing.add(describe(read.range()) + ": read " + read.expectedStored() + ", stored "
                                + read.stored());
                    }
                }
                return Optional.of(withRanges(compareStored(file, streamed, stored.get(), sourceChange), differing,
                        plan.size()));
            }
            List<RangedFileCopier.RangeRead> reread = ranged.reread(targetUri, plan);
            List<String> differing = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                RangedFileCopier.RangeRead read = reads.get(i);
                RangedFileCopier.RangeRead again = reread.get(i);
                if (read.crc() != again.crc() || read.bytes() != again.bytes()) {
                    differing.add(describe(read.range()) + ": read " + read.expectedStored() + " over "
                            + read.bytes() + " bytes, re-read " + again.expectedStored() + " over " + again.bytes());
                }
            }
            TargetReading reading = new TargetReading(target.length(targetUri), new FileChecksums.Result(
                    RangedFileCopier.compose(reread),
                    reread.stream().mapToLong(RangedFileCopier.RangeRead::bytes).sum()));
            return Optional.of(withRanges(compare(file, streamed.bytes(), reading, sourceChange), differing,
                    plan.size()));
        } catch (IOException | RuntimeException e) {
            String cannotVerify = "cannot verify " + targetUri + " in region " + target.region() + ": " + e;
            return Optional.of(sourceChange.isPresent()
                    ? result(file, streamed.bytes().length(), streamed.bytes().checksum(), "",
                            FileVerification.MISMATCH, sourceChange.get() + "; " + cannotVerify)
                    : result(file, streamed.bytes().length(), streamed.bytes().checksum(), "",
                            FileVerification.UNVERIFIABLE, cannotVerify));
        }
    }

    private static String describe(FileRanges.FileRange range) {
        return "range " + range.index() + " (" + range.length() + " bytes at " + range.offset() + ")";
    }

    /** {@code whole}, a {@code MISMATCH} naming them if any range differs. */
    private static FileCopyResult withRanges(FileCopyResult whole, List<String> differing, int rangeCount) {
        if (differing.isEmpty()) {
            return whole;
        }
        String ranges = differing.size() + " of " + rangeCount + " ranges differ: " + String.join("; ", differing);
        return new FileCopyResult(whole.relativePath(), whole.sizeBytes(), whole.sourceChecksum(),
                whole.targetChecksum(), FileVerification.MISMATCH,
                whole.detail().isEmpty() ? ranges : whole.detail() + "; " + ranges, whole.reused());
    }

    private FileCopyResult failed(FileEntry file, String sourceUri, String targetUri, Exception e) {
        return result(file, 0, "", "", FileVerification.FAILED, "copy " + sourceUri + " (region " + source.region()
                + ") -> " + targetUri + " (region " + target.region() + ") failed: " + e);
    }

    /**
     * What was read from the source: checksum and count of the bytes, and the source's identity before it was
     * opened and after its last byte was read.
     */
    private record Streamed(FileIdentity before, FileChecksums.Result bytes, FileIdentity after) {
    }

    /**
     * Streams source to target between two readings of the source's identity: through channels and a direct buffer
     * where both filesystems offer channels (local files), through streams otherwise.
     */
    private Streamed stream(String sourceUri, String targetUri) throws IOException {
        FileIdentity before = source.status(sourceUri);
        FileLayout layout = source.layout(sourceUri);
        if (layout.isDefault()) {
            Optional<ReadableByteChannel> in = source.openChannel(sourceUri);
            if (in.isPresent()) {
                try (ReadableByteChannel reading = in.get()) {
                    Optional<WritableByteChannel> out = target.createChannel(targetUri);
                    if (out.isPresent()) {
                        return streamChannels(sourceUri, before, reading, out.get());
                    }
                }
            }
        }
        CRC32C crc = new CRC32C();
        long length = 0;
        byte[] buffer = new byte[bufferBytes];
        FileIdentity after;
        try (InputStream in = source.open(sourceUri);
                OutputStream out = layout.isDefault() ? target.create(targetUri) : target.create(targetUri, layout)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                crc.update(buffer, 0, read);
                bandwidth.acquire(read);
                out.write(buffer, 0, read);
                length += read;
            }
            after = source.status(sourceUri);
        }
        return new Streamed(before, new FileChecksums.Result(FileChecksums.format(crc.getValue()), length), after);
    }

    /**
     * The channel copy: each buffer read from the source lands in this thread's direct buffer, its CRC32C is computed
     * in place and the same buffer is written to the target (one copy out of the kernel, one back in).
     */
    private Streamed streamChannels(String sourceUri, FileIdentity before, ReadableByteChannel in,
            WritableByteChannel target) throws IOException {
        CRC32C crc = new CRC32C();
        long length = 0;
        ByteBuffer buffer = directBuffers.get();
        FileIdentity after;
        try (WritableByteChannel out = target) {
            while (true) {
                buffer.clear();
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                buffer.flip();
                crc.update(buffer);
                buffer.rewind();
                bandwidth.acquire(read);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                length += read;
            }
            after = source.status(sourceUri);
        }
        return new Streamed(before, new FileChecksums.Result(FileChecksums.format(crc.getValue()), length), after);
    }

    /** Why the bytes read may not be one version of the source (the manifest's), if they may not. */
    private static Optional<String> sourceChange(String sourceUri, FileEntry file, Streamed streamed) {
        List<String> changes = new ArrayList<>();
        FileIdentity.listed(file).describeChange(streamed.before()).ifPresent(change -> changes.add(
                "source file " + sourceUri + " changed since it was listed: " + change));
        streamed.before().describeChange(streamed.after()).ifPresent(change -> changes.add(
                "source file " + sourceUri + " changed while it was copied: " + change));
        if (changes.isEmpty() && streamed.bytes().length() != streamed.before().length()) {
            changes.add("source file " + sourceUri + " changed while it was copied, or its read ended early: "
                    + streamed.bytes().length() + " bytes read, length " + streamed.before().length()
                    + " when the copy started");
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", changes));
    }

    /** What the target filesystem says about the closed file: its length and an independent re-read. */
    private record TargetReading(long reportedLength, FileChecksums.Result reread) {
    }

    /** A fresh open of the closed target: a channel into this thread's direct buffer where it has one. */
    private TargetReading reread(String targetUri) throws IOException {
        long reportedLength = target.length(targetUri);
        Optional<ReadableByteChannel> channel = target.openChannel(targetUri);
        if (channel.isPresent()) {
            try (ReadableByteChannel in = channel.get()) {
                return new TargetReading(reportedLength, FileChecksums.checksum(in, directBuffers.get()));
            }
        }
        try (InputStream in = target.open(targetUri)) {
            return new TargetReading(reportedLength, FileChecksums.checksum(in));
        }
    }

    /**
     * The target's identity when the file is verified by {@link VerificationMethod#STORED_CHECKSUMS} (both sides
     * report HDFS composite CRC32C checksums), empty when it must be re-read.
     */
    private Optional<FileIdentity> storedChecksums(Streamed streamed, String targetUri) throws IOException {
        if (!VerificationMethod.isCompositeCrc32c(streamed.before().checksumOrVersion())) {
            return Optional.empty(); // the source offers none: no need to ask the target
        }
        FileIdentity written = target.status(targetUri);
        return VerificationMethod.choose(streamed.before().checksumOrVersion(), written.checksumOrVersion())
                == VerificationMethod.STORED_CHECKSUMS ? Optional.of(written) : Optional.empty();
    }

    /**
     * {@link VerificationMethod#STORED_CHECKSUMS}: the target's composite CRC32C (computed by its DataNodes) must
     * equal the source's (read before the copy) and the CRC32C over the bytes read, and the lengths must agree. The
     * composite CRC32C of a file is the CRC32C of all its bytes, so the recorded target checksum is in Strait's own
     * format, as a re-read would have given it.
     */
    private static FileCopyResult compareStored(FileEntry file, Streamed streamed, FileIdentity written,
            Optional<String> sourceChange) {
        String sourceStored = streamed.before().checksumOrVersion();
        String targetStored = written.checksumOrVersion();
        String targetChecksum = FileChecksums.ALGORITHM + targetStored.substring(targetStored.indexOf(':'));
        boolean checksumsEqual = sourceStored.equals(targetStored)
                && streamed.bytes().checksum().equals(targetChecksum);
        boolean lengthsEqual = streamed.bytes().length() == file.sizeBytes() && written.length() == file.sizeBytes();
        if (checksumsEqual && lengthsEqual && sourceChange.isEmpty()) {
            return result(file, streamed.bytes().length(), streamed.bytes().checksum(), targetChecksum,
                    FileVerification.VERIFIED, "").verifiedBy(VerificationMethod.STORED_CHECKSUMS);
        }
        String detail = String.format("source %s over %d bytes read (manifest size %d, stored checksum %s), target"
                + " stored checksum %s (target length %d)", streamed.bytes().checksum(), streamed.bytes().length(),
                file.sizeBytes(), sourceStored, targetStored, written.length());
        if (sourceChange.isPresent()) {
            detail = sourceChange.get() + "; " + detail;
        }
        return result(file, streamed.bytes().length(), streamed.bytes().checksum(), targetChecksum,
                FileVerification.MISMATCH, detail);
    }

    private static FileCopyResult compare(FileEntry file, FileChecksums.Result streamed, TargetReading target,
            Optional<String> sourceChange) {
        boolean checksumsEqual = streamed.checksum().equals(target.reread().checksum());
        boolean lengthsEqual = streamed.length() == file.sizeBytes() && target.reportedLength() == file.sizeBytes()
                && target.reread().length() == file.sizeBytes();
        if (checksumsEqual && lengthsEqual && sourceChange.isEmpty()) {
            return result(file, streamed.length(), streamed.checksum(), target.reread().checksum(),
                    FileVerification.VERIFIED, "").verifiedBy(VerificationMethod.TARGET_REREAD);
        }
        String detail = String.format("source %s over %d bytes read (manifest size %d), target %s over %d bytes "
                + "re-read (target length %d)", streamed.checksum(), streamed.length(), file.sizeBytes(),
                target.reread().checksum(), target.reread().length(), target.reportedLength());
        if (sourceChange.isPresent()) {
            detail = sourceChange.get() + "; " + detail;
        }
        return result(file, streamed.length(), streamed.checksum(), target.reread().checksum(),
                FileVerification.MISMATCH, detail);
    }

    private static FileCopyResult result(FileEntry file, long bytesWritten, String sourceChecksum,
            String targetChecksum, FileVerification verification, String detail) {
        return new FileCopyResult(file.relativePath(), bytesWritten, sourceChecksum, targetChecksum, verification,
                detail);
    }
}
