package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.FileLayout;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RangedWrite;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object store as a region: s3a on an S3-compatible server started on this machine (S3Proxy), replicating to
 * and from an HDFS region (a MiniDFSCluster). Verification re-reads the target (an entity tag is no checksum), the
 * source's identity includes its entity tag, and files above the multipart threshold are uploaded in parts.
 */
class S3RegionsIT {
    private static final int MEGABYTE = 1024 * 1024;

    @TempDir
    static Path root;
    private static S3ProxyServer s3;
    private static MiniDFSCluster hdfs;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(root.resolve("s3"), "lake");
        hdfs = new MiniDFSCluster.Builder(new Configuration(), root.resolve("hdfs").toFile()).numDataNodes(1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hdfs != null) {
            hdfs.shutdown(true);
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void filesGoFromHdfsToS3AndBackVerifiedWithMultipartUploadsForLargeOnes() throws Exception {
        String onHdfs = hdfs.getURI() + "/external/shop/sales/ds=1";
        String onS3 = s3.bucketUri() + "/external/shop/sales/ds=1/_strait_v1_1";
        String backOnHdfs = hdfs.getURI() + "/external/shop/sales_back/ds=1/_strait_v2_1";
        List<Integer> sizes = List.of(0, 1, MEGABYTE + 7, 12 * MEGABYTE + 3);
        try (HadoopRegionFileSystem regionHdfs = HadoopRegionFileSystem.create(RegionId.of("region-hdfs"), Map.of());
                HadoopRegionFileSystem regionS3 = HadoopRegionFileSystem.create(RegionId.of("region-s3"),
                        s3.s3aSettings())) {
            for (int size : sizes) {
                write(regionHdfs, onHdfs + "/part-" + size, size);
            }

            CopyTaskResult there = copy(regionHdfs, regionS3, 1, onHdfs, onS3, regionHdfs.listFiles(onHdfs));
            assertThat(there.allVerified()).as(there.toString()).isTrue();
            assertThat(regionS3.listFiles(onS3)).extracting(FileEntry::relativePath, FileEntry::sizeBytes)
                    .containsExactlyInAnyOrderElementsOf(sizes.stream()
                            .map(size -> org.assertj.core.groups.Tuple.tuple("part-" + size, (long) size)).toList());
            FileIdentity large = regionS3.status(onS3 + "/part-" + (12 * MEGABYTE + 3));
            assertThat(large.checksumOrVersion()).as("an S3 multipart ETag names its 3 parts of 5 MB")
                    .startsWith("etag:").endsWith("-3\"");
            assertThat(regionS3.status(onS3 + "/part-1").checksumOrVersion()).startsWith("etag:")
                    .doesNotContain("-");

            CopyTaskResult back = copy(regionS3, regionHdfs, 2, onS3, backOnHdfs, regionS3.listFiles(onS3));
            assertThat(back.allVerified()).as(back.toString()).isTrue();
            for (int size : sizes) {
                String expected = VerifyingFileCopierTest.checksumOf(VerifyingFileCopierTest.randomBytes(size));
                assertThat(checksum(there, "part-" + size)).isEqualTo(expected);
                assertThat(checksum(back, "part-" + size)).isEqualTo(expected);
                try (InputStream in = regionHdfs.open(backOnHdfs + "/part-" + size)) {
                    assertThat(in.readAllBytes()).isEqualTo(VerifyingFileCopierTest.randomBytes(size));
                }
            }
        }
    }

    @Test
    void anObjectRewrittenWhileItIsCopiedIsAMismatchAndTheRetryIsVerified() throws Exception {
        String onS3 = s3.bucketUri() + "/external/shop/orders/ds=1";
        String uri = onS3 + "/part-0";
        String firstAttempt = hdfs.getURI() + "/external/shop/orders/ds=1/_strait_v3_1";
        String retry = hdfs.getURI() + "/external/shop/orders/ds=1/_strait_v3_2";
        int size = 2 * MEGABYTE;
        try (HadoopRegionFileSystem regionHdfs = HadoopRegionFileSystem.create(RegionId.of("region-hdfs"), Map.of());
                HadoopRegionFileSystem objects = HadoopRegionFileSystem.create(RegionId.of("region-s3"),
                        s3.s3aSettings())) {
            write(objects, uri, size);
            List<FileEntry> listed = objects.listFiles(onS3);
            byte[] rewritten = VerifyingFileCopierTest.randomBytes(size);
            rewritten[size - 1] ^= 1;
            OverwriteWhileRead source = new OverwriteWhileRead(objects, "/part-0", () -> {
                objects.delete(uri);
                try (OutputStream out = objects.create(uri)) {
                    out.write(rewritten);
                }
            });

            CopyTaskResult changed = copy(source, regionHdfs, 3, onS3, firstAttempt, listed);

            assertThat(source.written()).isTrue();
            FileCopyResult file = changed.files().get(0);
            assertThat(file.verification()).as(file.detail()).isEqualTo(FileVerification.MISMATCH);
            assertThat(file.detail()).contains("changed while it was copied: ").contains("checksum/version etag:");
            assertThat(changed.allVerified()).as("the attempt is never published").isFalse();

            CopyTaskResult again = copy(objects, regionHdfs, 3, onS3, retry, objects.listFiles(onS3));
            assertThat(again.allVerified()).as(again.toString()).isTrue();
            try (InputStream in = regionHdfs.open(retry + "/part-0")) {
                assertThat(in.readAllBytes()).isEqualTo(rewritten);
            }
        }
    }

    @Test
    void aLargeFileGoesAsRangesToS3AsOneMultipartUploadAndBackToHdfsJoinedByConcat() throws Exception {
        String onHdfs = hdfs.getURI() + "/external/shop/big/ds=1";
        String onS3 = s3.bucketUri() + "/external/shop/big/ds=1/_strait_v4_1";
        String backOnHdfs = hdfs.getURI() + "/external/shop/big_back/ds=1/_strait_v5_1";
        int size = 12 * MEGABYTE + 5;
        // ranges of 7 MB: 2 parts, where S3A's own upload of a whole file makes parts of 5 MB (3 here)
        CopyRanges ranges = new CopyRanges(5 * MEGABYTE, 7 * MEGABYTE);
        try (HadoopRegionFileSystem regionHdfs = HadoopRegionFileSystem.create(RegionId.of("region-hdfs"), Map.of(),
                        new FileLayout(MEGABYTE, 0));
                HadoopRegionFileSystem regionS3 = HadoopRegionFileSystem.create(RegionId.of("region-s3"),
                        s3.s3aSettings())) {
            write(regionHdfs, onHdfs + "/part-0", size);
            String expected = VerifyingFileCopierTest.checksumOf(VerifyingFileCopierTest.randomBytes(size));

            CopyTaskResult there = copyInRanges(regionHdfs, regionS3, 4, onHdfs, onS3, ranges);
            assertThat(there.allVerified()).as(there.toString()).isTrue();
            assertThat(checksum(there, "part-0")).isEqualTo(expected);
            assertThat(regionS3.status(onS3 + "/part-0").checksumOrVersion())
                    .as("one multipart upload of the 2 ranges").startsWith("etag:").endsWith("-2\"");
            assertThat(regionS3.listFiles(onS3)).extracting(FileEntry::relativePath).containsExactly("part-0");

            CountingRanges counted = new CountingRanges(regionHdfs);
            CopyTaskResult back = copyInRanges(regionS3, counted, 5, onS3, backOnHdfs, ranges);
            assertThat(back.allVerified()).as(back.toString()).isTrue();
            assertThat(checksum(back, "part-0")).isEqualTo(expected);
            assertThat(counted.ranges).as("7 MB (7 blocks of 1 MB) and the rest, joined by concat").hasValue(2);
            assertThat(regionHdfs.listFiles(backOnHdfs)).extracting(FileEntry::relativePath)
                    .containsExactly("part-0");
            assertThat(regionHdfs.layout(backOnHdfs + "/part-0").blockSizeBytes()).isEqualTo(MEGABYTE);
            try (InputStream in = regionHdfs.open(backOnHdfs + "/part-0")) {
                assertThat(in.readAllBytes()).isEqualTo(VerifyingFileCopierTest.randomBytes(size));
            }
        }
    }

    /** A target whose ranged writes are counted (ranges written). */
    private static final class CountingRanges extends ForwardingRegionFileSystem {
        private final RegionFileSystem delegate;
        final AtomicInteger ranges = new AtomicInteger();

        CountingRanges(RegionFileSystem delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public InputStream open(String uri, long offset) throws IOException {
            return delegate.open(uri, offset);
        }

        @Override
        public Optional<RangedWrite> rangedWrite(String uri, FileLayout layout) throws IOException {
            return delegate.rangedWrite(uri, layout).map(write -> new RangedWrite() {
                @Override
                public String write(int index, InputStream in, long length) throws IOException {
                    ranges.incrementAndGet();
                    return write.write(index, in, length);
                }

                @Override
                public long alignment() {
                    return write.alignment();
                }

                @Override
                public void complete(int count) throws IOException {
                    write.complete(count);
                }

                @Override
                public void abort() {
                    write.abort();
                }
            });
        }
    }

    private static CopyTaskResult copyInRanges(RegionFileSystem source, RegionFileSystem target, long job,
            String sourceDirectory, String targetDirectory, CopyRanges ranges) throws IOException {
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2, CopyBandwidth.unlimited(),
                VerifyingFileCopier.DEFAULT_BUFFER_BYTES, ranges)) {
            return executor.execute(List.of(new CopyTask(job, 0, sourceDirectory, targetDirectory,
                    source.listFiles(sourceDirectory)))).get(0);
        }
    }

    private static String checksum(CopyTaskResult result, String relativePath) {
        FileCopyResult file = result.files().stream().filter(f -> f.relativePath().equals(relativePath)).findFirst()
                .orElseThrow();
        assertThat(file.targetChecksum()).isEqualTo(file.sourceChecksum());
        return file.targetChecksum();
    }

    private static CopyTaskResult copy(RegionFileSystem source, RegionFileSystem target, long job,
            String sourceDirectory, String targetDirectory, List<FileEntry> files) {
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2)) {
            return executor.execute(List.of(new CopyTask(job, 0, sourceDirectory, targetDirectory, files))).get(0);
        }
    }

    private static void write(RegionFileSystem fileSystem, String uri, int size) throws IOException {
        try (OutputStream out = fileSystem.create(uri)) {
            out.write(VerifyingFileCopierTest.randomBytes(size));
        }
    }
}
