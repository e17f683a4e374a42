package io.strait.ops.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Test fixture: an HDFS (MiniDFSCluster, one DataNode) secured as a production lake is: Kerberos for its RPC,
 * block access tokens, SASL on data transfer (the recipe of Hadoop's own secure data transfer tests, with
 * {@code ignore.secure.ports.for.testing} instead of privileged ports and plain HTTP instead of HTTPS), and the
 * client configuration folder a region's {@code hadoop-conf-dir} points at.
 */
final class SecuredHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final Path clientConfDir;

    /**
     * Starts the cluster with {@code servicePrincipal} (NameNode and DataNode) and {@code httpPrincipal} (SPNEGO),
     * both in {@code keytab}; {@code proxyUser} may act for the region's users (a metastore's service user).
     */
    SecuredHdfs(Path baseDir, String servicePrincipal, String httpPrincipal, Path keytab, String proxyUser)
            throws IOException {
        Configuration conf = new Configuration();
        serverSettings(servicePrincipal, httpPrincipal, keytab, proxyUser).forEach(conf::set);
        cluster = new MiniDFSCluster.Builder(conf, baseDir.resolve("data").toFile()).numDataNodes(1).build();
        cluster.waitActive();
        clientConfDir = Files.createDirectories(baseDir.resolve("client-conf"));
        Files.writeString(clientConfDir.resolve("core-site.xml"), site(Map.of("fs.defaultFS", uri(),
                "hadoop.security.authentication", "kerberos")));
        Files.writeString(clientConfDir.resolve("hdfs-site.xml"), site(clientSettings(servicePrincipal)));
    }

    private static Map<String, String> serverSettings(String servicePrincipal, String httpPrincipal, Path keytab,
            String proxyUser) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hadoop.security.authentication", "kerberos");
        settings.put("hadoop.security.authorization", "true");
        settings.put("dfs.namenode.kerberos.principal", servicePrincipal);
        settings.put("dfs.namenode.keytab.file", keytab.toString());
        settings.put("dfs.datanode.kerberos.principal", servicePrincipal);
        settings.put("dfs.datanode.keytab.file", keytab.toString());
        settings.put("dfs.web.authentication.kerberos.principal", httpPrincipal);
        settings.put("dfs.web.authentication.kerberos.keytab", keytab.toString());
        settings.put("dfs.block.access.token.enable", "true");
        settings.put("dfs.data.transfer.protection", "authentication");
        settings.put("dfs.http.policy", "HTTP_ONLY");
        settings.put("ignore.secure.ports.for.testing", "true");
        settings.put("dfs.permissions.enabled", "false");
        settings.put("hadoop.proxyuser." + proxyUser + ".hosts", "*");
        settings.put("hadoop.proxyuser." + proxyUser + ".groups", "*");
        return settings;
    }

    /** What a client of this cluster needs: who the NameNode and DataNodes are, and SASL on data transfer. */
    static Map<String, String> clientSettings(String servicePrincipal) {
        return Map.of("dfs.namenode.kerberos.principal", servicePrincipal,
                "dfs.datanode.kerberos.principal", servicePrincipal,
                "dfs.data.transfer.protection", "authentication");
    }

    /** {@code hdfs://localhost:<port>}. */
    String uri() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    /** The client configuration folder (core-site.xml, hdfs-site.xml) of a region on this cluster. */
    Path clientConfDir() {
        return clientConfDir;
    }

    private static String site(Map<String, String> properties) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        new java.util.TreeMap<>(properties).forEach((name, value) -> xml.append("  <property><name>").append(name)
                .append("</name><value>").append(value).append("</value></property>\n"));
        return xml.append("</configuration>\n").toString();
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
