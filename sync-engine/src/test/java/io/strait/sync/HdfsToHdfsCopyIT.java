package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.DeltaDecider;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy between two real HDFS clusters (one per region, different block sizes) ends VERIFIED. */
class HdfsToHdfsCopyIT {
    private static final int MEGABYTE = 1024 * 1024;

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
    void filesCopiedBetweenClustersWithDifferentBlockSizesAreVerified() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=1";
        String targetDirectory = regionB.getURI() + "/external/shop/sales/ds=1/_strait_v5_1";
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"),
                Map.of("dfs.blocksize", Integer.toString(MEGABYTE)));
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"),
                        Map.of("dfs.blocksize", Integer.toString(2 * MEGABYTE)))) {
            for (int size : List.of(0, 1, 3 * MEGABYTE + 11)) {
                try (OutputStream out = source.create(sourceDirectory + "/part-" + size)) {
                    out.write(VerifyingFileCopierTest.randomBytes(size));
                }
            }
            List<FileEntry> files = source.listFiles(sourceDirectory);

            CopyTaskResult result;
            try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2)) {
                result = executor.execute(List.of(new CopyTask(5, 0, sourceDirectory, targetDirectory, files))).get(0);
            }

            assertThat(result.allVerified()).as(result.toString()).isTrue();
            assertThat(target.listFiles(targetDirectory)).extracting(FileEntry::relativePath, FileEntry::sizeBytes)
                    .containsExactlyElementsOf(files.stream()
                            .map(file -> org.assertj.core.groups.Tuple.tuple(file.relativePath(), file.sizeBytes()))
                            .toList());
            assertThat(hdfsChecksum(regionB, targetDirectory + "/part-" + (3 * MEGABYTE + 11)))
                    .isEqualTo(hdfsChecksum(regionA, sourceDirectory + "/part-" + (3 * MEGABYTE + 11)));
        }
    }

    @Test
    void unchangedFilesAreCopiedInsideTheTargetClusterAndVerified() throws Exception {
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=2";
        String v1 = regionB.getURI() + "/external/shop/sales/ds=2/_strait_v6_1";
        String v2 = regionB.getURI() + "/external/shop/sales/ds=2/_strait_v7_1";
        try (HadoopRegionFileSystem source = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
                HadoopRegionFileSystem target = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of());
                InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2)) {
            for (int i = 0; i < 3; i++) {
                try (OutputStream out = source.create(sourceDirectory + "/part-" + i)) {
                    out.write(VerifyingFileCopierTest.randomBytes(MEGABYTE + i));
                }
            }
            List<FileEntry> files = source.listFiles(sourceDirectory);
            CopyTaskResult first = executor.execute(List.of(new CopyTask(6, 0, sourceDirectory, v1, files))).get(0);
            assertThat(first.allVerified()).isTrue();
            ReplicatedVersion previous = new ReplicatedVersion(6, v1, files.stream().map(file ->
                    new ReplicatedVersion.VerifiedFile(file.relativePath(), file.sizeBytes(),
                            file.modificationTimeMillis(), first.files().stream().filter(result ->
                                    result.relativePath().equals(file.relativePath())).findFirst().orElseThrow()
                                    .targetChecksum())).toList());
            try (OutputStream out = source.create(sourceDirectory + "/part-3")) {
                out.write(VerifyingFileCopierTest.randomBytes(1000));
            }
            List<FileEntry> now = source.listFiles(sourceDirectory);

            List<CopyTask> tasks = DeltaDecider.attach(List.of(new CopyTask(7, 0, sourceDirectory, v2, now)),
                    DeltaDecider.reusable(now, Optional.of(previous), Optional.of(v1)));
            CopyTaskResult second = executor.execute(tasks).get(0);

            assertThat(second.allVerified()).as(second.toString()).isTrue();
            assertThat(second.files()).filteredOn(FileCopyResult::reused).hasSize(3);
            assertThat(second.bytesSent()).isEqualTo(1000);
            assertThat(hdfsChecksum(regionB, v2 + "/part-1")).isEqualTo(hdfsChecksum(regionA,
                    sourceDirectory + "/part-1"));
            assertThat(target.listFiles(v2)).extracting(FileEntry::relativePath)
                    .containsExactly("part-0", "part-1", "part-2", "part-3");
        }
    }

    /** HDFS's own COMPOSITE_CRC checksum, comparable across block sizes. */
    private static FileChecksum hdfsChecksum(MiniDFSCluster cluster, String uri) throws Exception {
        Configuration conf = new Configuration(cluster.getConfiguration(0));
        conf.set(HadoopRegionFileSystem.CHECKSUM_COMBINE_MODE, "COMPOSITE_CRC");
        try (FileSystem fileSystem = FileSystem.newInstance(cluster.getURI(), conf)) {
            return fileSystem.getFileChecksum(new org.apache.hadoop.fs.Path(uri));
        }
    }

    private static MiniDFSCluster cluster(String region) throws Exception {
        Configuration conf = new Configuration();
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 64 * 1024);
        return new MiniDFSCluster.Builder(conf, root.resolve(region).toFile()).numDataNodes(1).build();
    }
}
