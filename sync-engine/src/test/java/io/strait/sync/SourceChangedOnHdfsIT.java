package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDFS cannot overwrite in place, but a file can be replaced by one of the same length whose modification time is
 * set back to the old one ({@code distcp -update -pt} does so). Only the HDFS file checksum in
 * {@link HadoopRegionFileSystem#status} tells such a replacement, before or during a copy.
 */
class SourceChangedOnHdfsIT {
    private static final int SIZE = 1024 * 1024;

    @TempDir
    static Path root;
    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new MiniDFSCluster.Builder(new Configuration(), root.resolve("region-a").toFile()).numDataNodes(1)
                .build();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void aReplacementWithTheSameLengthAndModificationTimeShowsOnlyInTheFileChecksum() throws Exception {
        String uri = cluster.getURI() + "/external/status/part-0";
        try (HadoopRegionFileSystem withChecksums = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem withoutChecksums = new HadoopRegionFileSystem(RegionId.of("region-a"),
                        new Configuration(), false)) {
            write(withChecksums, uri, VerifyingFileCopierTest.randomBytes(SIZE));
            FileIdentity before = withChecksums.status(uri);
            FileIdentity beforeWithout = withoutChecksums.status(uri);

            replaceKeepingLengthAndTime(withChecksums, uri);

            FileIdentity after = withChecksums.status(uri);
            assertThat(before.checksumOrVersion()).startsWith("COMPOSITE-CRC32C:");
            assertThat(after.length()).isEqualTo(before.length());
            assertThat(after.modificationTimeMillis()).isEqualTo(before.modificationTimeMillis());
            assertThat(before.describeChange(after)).hasValueSatisfying(change ->
                    assertThat(change).startsWith("checksum/version COMPOSITE-CRC32C:"));
            assertThat(beforeWithout.checksumOrVersion()).as("file checksums turned off").isEmpty();
            assertThat(beforeWithout.describeChange(withoutChecksums.status(uri))).as("undetectable without them")
                    .isEmpty();
        }
    }

    @Test
    void aFileReplacedWhileItIsCopiedIsNeverVerified() throws Exception {
        String directory = cluster.getURI() + "/external/copy";
        String uri = directory + "/part-0";
        try (HadoopRegionFileSystem sourceFiles = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of())) {
            write(sourceFiles, uri, VerifyingFileCopierTest.randomBytes(SIZE));
            FileEntry listed = sourceFiles.listFiles(directory).get(0);
            OverwriteWhileRead source = new OverwriteWhileRead(sourceFiles, "/part-0",
                    () -> replaceKeepingLengthAndTime(sourceFiles, uri));
            InMemoryRegionFileSystem target = new InMemoryRegionFileSystem(RegionId.of("region-b"));

            FileCopyResult result = new VerifyingFileCopier(source, target).copy(directory, "mem://b/copy_v1", listed);

            assertThat(source.written()).isTrue();
            // The open stream goes on reading the replaced file's blocks (the DataNode deletes them only after a
            // heartbeat, and its open block file stays readable), so the copy is the old version whole; but that
            // version is no longer the file's, so it is not verified either.
            assertThat(result.verification()).as(result.detail()).isEqualTo(FileVerification.MISMATCH);
            assertThat(result.detail()).contains("changed while it was copied: checksum/version COMPOSITE-CRC32C:")
                    .doesNotContain("modified");

            FileCopyResult retry = new VerifyingFileCopier(source, target).copy(directory, "mem://b/copy_v2",
                    sourceFiles.listFiles(directory).get(0));
            assertThat(retry.verification()).as(retry.detail()).isEqualTo(FileVerification.VERIFIED);
        }
    }

    /** Deletes the file and writes one of the same length with other bytes, then sets its old modification time. */
    private static void replaceKeepingLengthAndTime(HadoopRegionFileSystem fileSystem, String uri)
            throws IOException {
        FileIdentity old = fileSystem.status(uri);
        fileSystem.delete(uri);
        byte[] other = VerifyingFileCopierTest.randomBytes(SIZE);
        other[0] ^= 1;
        write(fileSystem, uri, other);
        FileSystem hdfs = cluster.getFileSystem();
        hdfs.setTimes(new org.apache.hadoop.fs.Path(uri), old.modificationTimeMillis(), -1);
    }

    private static void write(HadoopRegionFileSystem fileSystem, String uri, byte[] bytes) throws IOException {
        try (OutputStream out = fileSystem.create(uri)) {
            out.write(bytes);
        }
    }
}
