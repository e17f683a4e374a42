package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.region.FileEntry;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel path of {@link VerifyingFileCopier} between two local regions ({@code file:}): bytes through a direct
 * buffer, CRC32C in place, the closed target re-read through a fresh channel. The regions are real
 * {@link HadoopRegionFileSystem}s under a decorator that passes the channels on, counts every open and can damage
 * the bytes on the way; the same checks as on the stream path must hold.
 */
class ChannelCopyTest {
    @TempDir
    Path root;
    private HadoopRegionFileSystem sourceFileSystem;
    private HadoopRegionFileSystem targetFileSystem;
    private ChannelFaults source;
    private ChannelFaults target;
    private String sourceDirectory;
    private String targetDirectory;

    @BeforeEach
    void open() {
        sourceFileSystem = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
        targetFileSystem = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of());
        source = new ChannelFaults(sourceFileSystem);
        target = new ChannelFaults(targetFileSystem);
        sourceDirectory = "file:" + root.resolve("a/sales/ds=1");
        targetDirectory = "file:" + root.resolve("b/sales/ds=1/_strait_v1_1");
    }

    @AfterEach
    void close() {
        sourceFileSystem.close();
        targetFileSystem.close();
    }

    @Test
    void filesOfEverySizeGoThroughChannelsAndAreVerifiedAndIdentical() throws IOException {
        int buffer = VerifyingFileCopier.DEFAULT_BUFFER_BYTES;
        List<Integer> sizes = List.of(0, 1, buffer - 1, buffer, buffer + 1, 3 * buffer + 17, 3 * 1024 * 1024 + 5);
        VerifyingFileCopier copier = new VerifyingFileCopier(source, target);
        for (int size : sizes) {
            byte[] bytes = randomBytes(size);
            FileEntry file = writeSource("nested/part-" + size, bytes);

            FileCopyResult result = copier.copy(sourceDirectory, targetDirectory, file);

            assertThat(result.verification()).as("file of %d bytes: %s", size, result.detail())
                    .isEqualTo(FileVerification.VERIFIED);
            assertThat(result.verifiedBy()).isEqualTo(VerificationMethod.TARGET_REREAD);
            assertThat(result.sizeBytes()).isEqualTo(size);
            assertThat(result.sourceChecksum()).isEqualTo(checksumOf(bytes)).isEqualTo(result.targetChecksum());
            assertThat(Files.readAllBytes(root.resolve("b/sales/ds=1/_strait_v1_1/nested/part-" + size)))
                    .isEqualTo(bytes);
            assertThat(source.channelOpens("nested/part-" + size)).isEqualTo(1);
            assertThat(target.channelCreates("nested/part-" + size)).isEqualTo(1);
            assertThat(target.channelOpens("nested/part-" + size)).as("the independent re-read").isEqualTo(1);
        }
        assertThat(source.streamOpens() + target.streamOpens()).as("no stream on the channel path").isZero();
    }

    @Test
    void aFileCreatedThroughAChannelHasThePermissionOfAFileHadoopCreates() throws IOException {
        FileEntry file = writeSource("f", randomBytes(10));
        new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);
        try (OutputStream out = targetFileSystem.create("file:" + root.resolve("b/by-hadoop"))) {
            out.write(1);
        }

        assertThat(Files.getPosixFilePermissions(root.resolve("b/sales/ds=1/_strait_v1_1/f")))
                .isEqualTo(Files.getPosixFilePermissions(root.resolve("b/by-hadoop")));
    }

    @Test
    void bytesCorruptedOnTheWayToStorageAreAMismatch() throws IOException {
        byte[] bytes = randomBytes(200_000);
        FileEntry file = writeSource("f", bytes);
        target.corruptWriteAt = 150_000;

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.verifiedBy()).isNull();
        assertThat(result.sourceChecksum()).isEqualTo(checksumOf(bytes)).isNotEqualTo(result.targetChecksum());
        assertThat(result.detail()).contains(result.sourceChecksum(), result.targetChecksum());
    }

    @Test
    void aTargetThatReadsBackShortIsAMismatch() throws IOException {
        FileEntry file = writeSource("f", randomBytes(100_000));
        target.endReadsAt = 99_000;

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.detail()).contains("99000 bytes re-read", "target length 100000");
    }

    @Test
    void aSourceOverwrittenInPlaceWhileItIsReadIsAMismatch() throws IOException {
        byte[] bytes = randomBytes(1 << 20);
        FileEntry file = writeSource("f", bytes);
        Path sourceFile = root.resolve("a/sales/ds=1/f");
        source.afterFirstRead = () -> {
            try (RandomAccessFile overwrite = new RandomAccessFile(sourceFile.toFile(), "rw")) {
                overwrite.seek(bytes.length - 10);
                overwrite.write(new byte[10]);
            }
            Files.setLastModifiedTime(sourceFile, FileTime.fromMillis(file.modificationTimeMillis() + 5_000));
        };

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.sourceChecksum()).as("the copy agrees with what was read").isEqualTo(
                result.targetChecksum());
        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.detail()).contains("changed while it was copied");
    }

    @Test
    void anExistingTargetFileIsNeverOverwritten() throws IOException {
        FileEntry file = writeSource("f", randomBytes(10));
        Files.createDirectories(root.resolve("b/sales/ds=1/_strait_v1_1"));
        Files.write(root.resolve("b/sales/ds=1/_strait_v1_1/f"), new byte[] {1, 2, 3});

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.FAILED);
        assertThat(Files.readAllBytes(root.resolve("b/sales/ds=1/_strait_v1_1/f"))).containsExactly(1, 2, 3);
    }

    @Test
    void aTargetWithoutChannelsIsWrittenThroughStreams() throws IOException {
        byte[] bytes = randomBytes(300_000);
        FileEntry file = writeSource("f", bytes);
        FaultInjectingRegionFileSystem streamsOnly = new FaultInjectingRegionFileSystem(targetFileSystem);

        FileCopyResult result = new VerifyingFileCopier(source, streamsOnly).copy(sourceDirectory, targetDirectory,
                file);

        assertThat(result.verification()).as(result.detail()).isEqualTo(FileVerification.VERIFIED);
        assertThat(streamsOnly.opens("_strait_v1_1/f")).as("re-read through a stream").isEqualTo(1);
        assertThat(Files.readAllBytes(root.resolve("b/sales/ds=1/_strait_v1_1/f"))).isEqualTo(bytes);
    }

    private FileEntry writeSource(String relativePath, byte[] bytes) throws IOException {
        Path file = root.resolve("a/sales/ds=1").resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return new FileEntry(relativePath, bytes.length, Files.getLastModifiedTime(file).toMillis());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String checksumOf(byte[] bytes) throws IOException {
        return FileChecksums.checksum(new ByteArrayInputStream(bytes)).checksum();
    }

    /** An action run by the test between two reads of a source channel. */
    interface Step {
        void run() throws IOException;
    }

    /**
     * Passes the channels of a real filesystem on (a plain decorator does not), counting them per file, and damages
     * them when told: a byte flipped on its way to storage, a read back that ends early, a step after the first read.
     */
    static final class ChannelFaults extends ForwardingRegionFileSystem {
        private final Map<String, AtomicInteger> channelOpens = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> channelCreates = new ConcurrentHashMap<>();
        private final AtomicInteger streamOpens = new AtomicInteger();
        volatile long corruptWriteAt = -1;
        volatile long endReadsAt = -1;
        volatile Step afterFirstRead;

        ChannelFaults(RegionFileSystem delegate) {
            super(delegate);
        }

        int channelOpens(String suffix) {
            return count(channelOpens, suffix);
        }

        int channelCreates(String suffix) {
            return count(channelCreates, suffix);
        }

        int streamOpens() {
            return streamOpens.get();
        }

        private static int count(Map<String, AtomicInteger> counts, String suffix) {
            return counts.entrySet().stream().filter(entry -> entry.getKey().endsWith(suffix))
                    .mapToInt(entry -> entry.getValue().get()).sum();
        }

        @Override
        public InputStream open(String uri) throws IOException {
            streamOpens.incrementAndGet();
            return super.open(uri);
        }

        @Override
        public Optional<ReadableByteChannel> openChannel(String uri) throws IOException {
            channelOpens.computeIfAbsent(uri, ignored -> new AtomicInteger()).incrementAndGet();
            Optional<ReadableByteChannel> opened = delegate().openChannel(uri);
            return opened.map(channel -> new ReadableByteChannel() {
                private long position;
                private boolean firstDone;

                @Override
                public int read(ByteBuffer buffer) throws IOException {
                    if (endReadsAt >= 0 && position >= endReadsAt) {
                        return -1;
                    }
                    if (endReadsAt >= 0) {
                        buffer.limit((int) Math.min(buffer.limit(), buffer.position() + (endReadsAt - position)));
                    }
                    int read = channel.read(buffer);
                    position += Math.max(read, 0);
                    if (!firstDone && afterFirstRead != null) {
                        firstDone = true;
                        afterFirstRead.run();
                    }
                    return read;
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            });
        }

        @Override
        public Optional<WritableByteChannel> createChannel(String uri) throws IOException {
            channelCreates.computeIfAbsent(uri, ignored -> new AtomicInteger()).incrementAndGet();
            return delegate().createChannel(uri).map(channel -> new WritableByteChannel() {
                private long position;

                @Override
                public int write(ByteBuffer buffer) throws IOException {
                    long at = corruptWriteAt;
                    if (at >= position && at < position + buffer.remaining()) {
                        int index = buffer.position() + (int) (at - position);
                        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
                        copy.put(buffer.duplicate()).flip();
                        copy.put(index - buffer.position(), (byte) (copy.get(index - buffer.position()) ^ 1));
                        int written = channel.write(copy);
                        buffer.position(buffer.position() + written);
                        position += written;
                        return written;
                    }
                    int written = channel.write(buffer);
                    position += written;
                    return written;
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            });
        }
    }
}
