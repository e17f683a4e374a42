package io.strait.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Two HDFS clusters in this process (one NameNode and one DataNode each, on the local disk) standing for two
 * regions, for {@code strait bench copy --hdfs}. Needs {@code hadoop-client-minicluster}, which the distribution
 * ships in {@code lib/bench}.
 */
final class MiniHdfsRegions implements AutoCloseable {
    private final MiniDFSCluster a;
    private final MiniDFSCluster b;

    private MiniHdfsRegions(MiniDFSCluster a, MiniDFSCluster b) {
        this.a = a;
        this.b = b;
    }

    static MiniHdfsRegions start(Path directory) throws IOException {
        try {
            Class.forName("org.apache.hadoop.hdfs.MiniDFSCluster");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("strait bench copy --hdfs needs hadoop-client-minicluster on the class"
                    + " path; the distribution ships it in lib/bench (is that folder missing?)");
        }
        MiniDFSCluster a = cluster(directory.resolve("hdfs-a"));
        try {
            return new MiniHdfsRegions(a, cluster(directory.resolve("hdfs-b")));
        } catch (IOException | RuntimeException e) {
            a.shutdown(true);
            throw e;
        }
    }

    URI a() {
        return a.getURI();
    }

    URI b() {
        return b.getURI();
    }

    private static MiniDFSCluster cluster(Path directory) throws IOException {
        Configuration conf = new Configuration();
        conf.setInt("dfs.replication", 1);
        return new MiniDFSCluster.Builder(conf, directory.toFile()).numDataNodes(1).build();
    }

    @Override
    public void close() {
        try {
            b.shutdown(true);
        } finally {
            a.shutdown(true);
        }
    }
}
