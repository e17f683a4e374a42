package io.strait.reparo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.reparo.diff.FileState;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSTestUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconcile at {@code bytes} depth on HDFS reads every byte with HDFS's checksum verification: a replica whose
 * block file was damaged on disk (its stored checksums intact, so its file checksum unchanged) fails the read, and
 * reconcile fails naming the file instead of counting it as matching. At {@code files} depth it is not seen.
 */
class CorruptHdfsBlockIT {
    @TempDir
    static Path root;
    private static MiniDFSCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new MiniDFSCluster.Builder(new Configuration(), root.toFile()).numDataNodes(1).build();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void aCorruptedBlockFailsReconcileAtBytesDepthNamingTheFile() throws Exception {
        String location = cluster.getURI() + "/external/shop/sales/ds=1/_strait_v1_1";
        TableRef table = TableRef.of("shop", "sales");
        try (HadoopRegionFileSystem fileSystem = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of())) {
            byte[] bytes = new byte[1024 * 1024];
            new Random(7).nextBytes(bytes);
            try (OutputStream out = fileSystem.create(location + "/part-0")) {
                out.write(bytes);
            }
            LocationReader bytesDepth = new LocationReader(fileSystem, ReconcileDepth.BYTES, HiddenFiles.HIVE);
            List<FileState> healthy = bytesDepth.read(table, location, Map.of());
            assertThat(healthy).hasSize(1);
            String fileChecksum = fileSystem.status(location + "/part-0").checksumOrVersion();

            try (FileSystem hdfs = FileSystem.newInstance(cluster.getURI(), cluster.getConfiguration(0))) {
                assertThat(cluster.corruptBlockOnDataNodes(DFSTestUtil.getFirstBlock(hdfs,
                        new org.apache.hadoop.fs.Path("/external/shop/sales/ds=1/_strait_v1_1/part-0")))).isEqualTo(1);
            }

            assertThat(fileSystem.status(location + "/part-0").checksumOrVersion())
                    .as("the stored checksums are intact").isEqualTo(fileChecksum);
            assertThat(new LocationReader(fileSystem, ReconcileDepth.FILES, HiddenFiles.HIVE)
                    .read(table, location, Map.of())).as("files depth does not read bytes").hasSize(1);
            assertThatThrownBy(() -> bytesDepth.read(table, location, Map.of()))
                    .isInstanceOf(StraitException.class)
                    .hasMessageContaining("Cannot read " + location + "/part-0 in region region-b to reconcile shop.sales");
        }
    }
}
