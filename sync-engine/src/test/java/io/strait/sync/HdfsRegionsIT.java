package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.DeltaDecider;
import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileLayout;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RangedWrite;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSTestUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two HDFS clusters as two regions: copies between them are verified by the DataNodes' composite CRC32C checksums
 * (no re-read of the target), keep the source's block size and replication unless the target region overrides
 * them, and a target block corrupted after the copy is found by a checksum-verifying read.
 */
class HdfsRegionsIT {
    private static final int KILOBYTE = 1024;
    private static final int MEGABYTE = 1024 * KILOBYTE;
    private static final long SOURCE_BLOCK_SIZE = 256 * KILOBYTE;

    @TempDir
    static Path root;
    private static MiniDFSCluster regionA;
    private static MiniDFSCluster regionB;

    @BeforeAll
    static void startClusters() throws Exception {
        regionA = cluster("region-a");
        regionB = cluster("region-b");
    }

    @AfterAll
    static void stopClusters() {
        if (regionA != null) {
            regionA.shutdown(true);
        }
        if (regionB != null) {
            regionB.shutdown(true);
        }
    }

    @Test
    void copiesAreVerifiedByCompositeCrcWithoutRereadingAndKeepTheSourceLayout() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=1";
        String targetDirectory = regionB.getURI() + "/external/shop/sales/ds=1/_strait_v1_1";
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"),
                        Map.of("dfs.blocksize", Integer.toString(MEGABYTE)))) {
            List<Integer> sizes = List.of(0, 1, 3 * MEGABYTE + 11);
            for (int size : sizes) {
                write(source, sourceDirectory + "/part-" + size, new FileLayout(SOURCE_BLOCK_SIZE, 1), size);
            }
            CountingOpens counted = new CountingOpens(target);

            CopyTaskResult result = copy(source, counted, 1, sourceDirectory, targetDirectory,
                    source.listFiles(sourceDirectory));

            assertThat(result.allVerified()).as(result.toString()).isTrue();
            assertThat(source.status(sourceDirectory + "/part-0").checksumOrVersion())
                    .as("HDFS reports no composite CRC for an empty file").startsWith("MD5-of-");
            assertThat(counted.opens).as("only the empty file was re-read").hasValue(1);
            for (int size : sizes) {
                String file = "/part-" + size;
                assertThat(target.layout(targetDirectory + file)).isEqualTo(new FileLayout(SOURCE_BLOCK_SIZE, 1));
                FileCopyResult copied = result.files().stream()
                        .filter(f -> f.relativePath().equals("part-" + size)).findFirst().orElseThrow();
                String bytesChecksum = VerifyingFileCopierTest.checksumOf(VerifyingFileCopierTest.randomBytes(size));
                assertThat(copied.sourceChecksum()).isEqualTo(bytesChecksum);
                assertThat(copied.targetChecksum()).isEqualTo(bytesChecksum);
                if (size == 0) {
                    continue;
                }
                assertThat(target.status(targetDirectory + file).checksumOrVersion())
                        .isEqualTo("COMPOSITE-CRC32C:" + bytesChecksum.substring(FileChecksums.ALGORITHM.length() + 1))
                        .isEqualTo(source.status(sourceDirectory + file).checksumOrVersion());
            }
        }
    }

    @Test
    void theTargetRegionsOverridesWinOverTheSourceLayout() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=2";
        String targetDirectory = regionB.getURI() + "/external/shop/sales/ds=2/_strait_v2_1";
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of(),
                        new FileLayout(MEGABYTE, 0))) {
            write(source, sourceDirectory + "/part-0", new FileLayout(SOURCE_BLOCK_SIZE, 1), 2 * MEGABYTE + 5);

            CopyTaskResult result = copy(source, target, 2, sourceDirectory, targetDirectory,
                    source.listFiles(sourceDirectory));

            assertThat(result.allVerified()).as(result.toString()).isTrue();
            assertThat(target.layout(targetDirectory + "/part-0")).isEqualTo(new FileLayout(MEGABYTE, 1));
            assertThat(target.status(targetDirectory + "/part-0").checksumOrVersion())
                    .isEqualTo(source.status(sourceDirectory + "/part-0").checksumOrVersion());
        }
    }

    @Test
    void bytesStoredWrongOnTheTargetAreAMismatchOfTheStoredChecksums() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=3";
        String targetDirectory = regionB.getURI() + "/external/shop/sales/ds=3/_strait_v3_1";
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of())) {
            write(source, sourceDirectory + "/part-0", new FileLayout(SOURCE_BLOCK_SIZE, 1), MEGABYTE);
            CountingOpens flipping = new CountingOpens(target, 700_000);

            CopyTaskResult result = copy(source, flipping, 3, sourceDirectory, targetDirectory,
                    source.listFiles(sourceDirectory));

            FileCopyResult file = result.files().get(0);
            assertThat(file.verification()).isEqualTo(FileVerification.MISMATCH);
            assertThat(file.detail()).contains("stored checksum COMPOSITE-CRC32C:");
            assertThat(flipping.opens).as("decided on the stored checksums, not a re-read").hasValue(0);
        }
    }

    /**
     * The stored checksums are what the DataNodes verified on receipt: a replica whose block file is damaged
     * afterwards still reports the same composite CRC (its chunk checksums are intact). A checksum-verifying read
     * finds it: the one a re-read or {@code reconcile --depth bytes} does, and the re-read of a delta copy, which
     * then sends the file again from the source instead of reusing the damaged one.
     */
    @Test
    void aCorruptedTargetBlockIsFoundByAChecksumVerifyingRead() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=4";
        String v1 = regionB.getURI() + "/external/shop/sales/ds=4/_strait_v4_1";
        String v2 = regionB.getURI() + "/external/shop/sales/ds=4/_strait_v5_1";
        int size = MEGABYTE + 3;
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of())) {
            write(source, sourceDirectory + "/part-0", new FileLayout(SOURCE_BLOCK_SIZE, 1), size);
            List<FileEntry> files = source.listFiles(sourceDirectory);
            CopyTaskResult first = copy(source, target, 4, sourceDirectory, v1, files);
            assertThat(first.allVerified()).as(first.toString()).isTrue();
            String storedBefore = target.status(v1 + "/part-0").checksumOrVersion();

            assertThat(corruptFirstBlock(regionB, v1 + "/part-0")).isEqualTo(1);

            assertThat(target.status(v1 + "/part-0").checksumOrVersion()).as("chunk checksums are intact")
                    .isEqualTo(storedBefore);
            assertThatThrownBy(() -> {
                try (InputStream in = target.open(v1 + "/part-0")) {
                    FileChecksums.checksum(in);
                }
            }).isInstanceOf(IOException.class);

            ReplicatedVersion previous = new ReplicatedVersion(4, v1, List.of(new ReplicatedVersion.VerifiedFile(
                    "part-0", size, files.get(0).modificationTimeMillis(), first.files().get(0).targetChecksum())));
            List<CopyTask> tasks = DeltaDecider.attach(List.of(new CopyTask(5, 0, sourceDirectory, v2, files)),
                    DeltaDecider.reusable(files, Optional.of(previous), Optional.of(v1)));
            assertThat(tasks.get(0).reusable()).hasSize(1);
            CopyTaskResult second;
            try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 1)) {
                second = executor.execute(tasks).get(0);
            }
            assertThat(second.allVerified()).as(second.toString()).isTrue();
            assertThat(second.files().get(0).reused()).as("the damaged file is not reused").isFalse();
            assertThat(second.bytesSent()).isEqualTo(size);
            try (InputStream in = target.open(v2 + "/part-0")) {
                assertThat(FileChecksums.checksum(in).checksum()).isEqualTo(first.files().get(0).sourceChecksum());
            }
        }
    }

    @Test
    void aLargeFileIsCopiedAsRangesJoinedByConcatAndVerifiedPerRangeAndWhole() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=5";
        String targetDirectory = regionB.getURI() + "/external/shop/sales/ds=5/_strait_v6_1";
        int size = 5 * MEGABYTE + 123;
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of())) {
            write(source, sourceDirectory + "/part-0", new FileLayout(SOURCE_BLOCK_SIZE, 1), size);
            write(source, sourceDirectory + "/part-small", new FileLayout(SOURCE_BLOCK_SIZE, 1), 1000);
            CountingOpens counted = new CountingOpens(target);

            CopyTaskResult result;
            try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2,
                    CopyBandwidth.unlimited(), VerifyingFileCopier.DEFAULT_BUFFER_BYTES,
                    new CopyRanges(MEGABYTE, MEGABYTE))) {
                result = executor.execute(List.of(new CopyTask(6, 0, sourceDirectory, targetDirectory,
                        source.listFiles(sourceDirectory)))).get(0);
            }

            assertThat(result.allVerified()).as(result.toString()).isTrue();
            String expected = VerifyingFileCopierTest.checksumOf(VerifyingFileCopierTest.randomBytes(size));
            FileCopyResult large = result.files().stream().filter(f -> f.relativePath().equals("part-0"))
                    .findFirst().orElseThrow();
            assertThat(large.sourceChecksum()).as("composed from the ranges' CRC32C").isEqualTo(expected);
            assertThat(large.targetChecksum()).isEqualTo(expected);
            assertThat(target.listFiles(targetDirectory)).as("no range file is left")
                    .extracting(FileEntry::relativePath).containsExactly("part-0", "part-small");
            assertThat(target.layout(targetDirectory + "/part-0")).isEqualTo(new FileLayout(SOURCE_BLOCK_SIZE, 1));
            assertThat(target.status(targetDirectory + "/part-0").checksumOrVersion())
                    .isEqualTo(source.status(sourceDirectory + "/part-0").checksumOrVersion());
            try (InputStream in = target.open(targetDirectory + "/part-0")) {
                assertThat(in.readAllBytes()).isEqualTo(VerifyingFileCopierTest.randomBytes(size));
            }
        }
    }

    @Test
    void aRangeStoredWrongIsNamedAndTheFileIsAMismatch() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=6";
        String targetDirectory = regionB.getURI() + "/external/shop/sales/ds=6/_strait_v7_1";
        int size = 3 * MEGABYTE;
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of())) {
            write(source, sourceDirectory + "/part-0", new FileLayout(SOURCE_BLOCK_SIZE, 1), size);
            FlipsInRange flipping = new FlipsInRange(target, 1);

            CopyTaskResult result;
            try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, flipping, 2,
                    CopyBandwidth.unlimited(), VerifyingFileCopier.DEFAULT_BUFFER_BYTES,
                    new CopyRanges(MEGABYTE, MEGABYTE))) {
                result = executor.execute(List.of(new CopyTask(7, 0, sourceDirectory, targetDirectory,
                        source.listFiles(sourceDirectory)))).get(0);
            }

            FileCopyResult file = result.files().get(0);
            assertThat(file.verification()).as(file.detail()).isEqualTo(FileVerification.MISMATCH);
            assertThat(file.detail()).contains("1 of 3 ranges differ: range 1 (1048576 bytes at 1048576)");
        }
    }

    private static CopyTaskResult copy(RegionFileSystem source, RegionFileSystem target, long job,
            String sourceDirectory, String targetDirectory, List<FileEntry> files) {
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2)) {
            return executor.execute(List.of(new CopyTask(job, 0, sourceDirectory, targetDirectory, files))).get(0);
        }
    }

    private static void write(RegionFileSystem fileSystem, String uri, FileLayout layout, int size)
            throws IOException {
        try (OutputStream out = fileSystem.create(uri, layout)) {
            out.write(VerifyingFileCopierTest.randomBytes(size));
        }
    }

    /** Damages the first block's file on every DataNode holding it, through the cluster's test hook. */
    private static int corruptFirstBlock(MiniDFSCluster cluster, String uri) throws Exception {
        try (FileSystem fileSystem = FileSystem.newInstance(cluster.getURI(), cluster.getConfiguration(0))) {
            return cluster.corruptBlockOnDataNodes(DFSTestUtil.getFirstBlock(fileSystem,
                    new org.apache.hadoop.fs.Path(new java.net.URI(uri).getPath())));
        }
    }

    private static MiniDFSCluster cluster(String region) throws Exception {
        Configuration conf = new Configuration();
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 64 * KILOBYTE);
        return new MiniDFSCluster.Builder(conf, root.resolve(region).toFile()).numDataNodes(1).build();
    }

    /** The target with ranged writes whose range {@code index} is stored with its first byte flipped. */
    private static final class FlipsInRange extends ForwardingRegionFileSystem {
        private final RegionFileSystem delegate;
        private final int index;

        FlipsInRange(RegionFileSystem delegate, int index) {
            super(delegate);
            this.delegate = delegate;
            this.index = index;
        }

        @Override
        public Optional<RangedWrite> rangedWrite(String uri, FileLayout layout) throws IOException {
            Optional<RangedWrite> ranged = delegate.rangedWrite(uri, layout);
            return ranged.map(write -> new RangedWrite() {
                @Override
                public String write(int range, InputStream in, long length) throws IOException {
                    if (range != index) {
                        return write.write(range, in, length);
                    }
                    byte[] bytes = in.readNBytes((int) length);
                    bytes[0] ^= 1;
                    return write.write(range, new java.io.ByteArrayInputStream(bytes), length);
                }

                @Override
                public long alignment() {
                    return write.alignment();
                }

                @Override
                public void complete(int ranges) throws IOException {
                    write.complete(ranges);
                }

                @Override
                public void abort() {
                    write.abort();
                }
            });
        }
    }

    /**
     * The target as it is, counting the files opened for reading, optionally writing one byte flipped at
     * {@code flipAt} (bytes stored wrong). Forwards the layout, which {@link ForwardingRegionFileSystem} does not.
     */
    private static final class CountingOpens extends ForwardingRegionFileSystem {
        private final RegionFileSystem delegate;
        private final long flipAt;
        final AtomicInteger opens = new AtomicInteger();

        CountingOpens(RegionFileSystem delegate) {
            this(delegate, -1);
        }

        CountingOpens(RegionFileSystem delegate, long flipAt) {
            super(delegate);
            this.delegate = delegate;
            this.flipAt = flipAt;
        }

        @Override
        public InputStream open(String uri) throws IOException {
            opens.incrementAndGet();
            return super.open(uri);
        }

        @Override
        public OutputStream create(String uri) throws IOException {
            return create(uri, FileLayout.DEFAULT);
        }

        @Override
        public OutputStream create(String uri, FileLayout layout) throws IOException {
            return new FilterOutputStream(delegate.create(uri, layout)) {
                private long position;

                @Override
                public void write(int b) throws IOException {
                    out.write(position++ == flipAt ? b ^ 0x01 : b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    for (int i = 0; i < length; i++) {
                        write(bytes[offset + i]);
                    }
                }
            };
        }
    }
}
