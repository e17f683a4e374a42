package io.strait.spark;

import io.strait.regionio.HadoopRegionFileSystem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The region filesystems a Spark JVM (the driver, or an executor) has opened for copies, one per distinct
 * {@link RegionSettings}, kept open for the JVM's life and shared by its task threads.
 *
 * <p>Opening a region's filesystem parses its Hadoop configuration and sets up its client (on HDFS a connection to
 * the NameNode, with Kerberos a SASL handshake); a copy job paid that for every slice of files on every run, which
 * was most of the fixed cost of a Spark copy job (about 10 to 15 ms per open on a local disk, two per slice and one
 * on the driver per job). An executor JVM has no place to keep state but its classes, so this is the one per-JVM
 * table of the Spark engine, as Spark's and Hadoop's own clients keep theirs. It holds only what the settings
 * determine (a region's settings are its identity here, two regions never share an entry even with the same path
 * strings), and the filesystems are closed when the JVM exits. A region filesystem is safe for concurrent use.
 */
final class OpenRegions {
    private static final Logger LOG = LoggerFactory.getLogger(OpenRegions.class);
    private static final OpenRegions JVM = new OpenRegions(RegionSettings::open);

    private final Map<RegionSettings, HadoopRegionFileSystem> open = new ConcurrentHashMap<>();
    private final Function<RegionSettings, HadoopRegionFileSystem> opener;

    OpenRegions(Function<RegionSettings, HadoopRegionFileSystem> opener) {
        this.opener = opener;
    }

    /** This JVM's table; its filesystems are closed at the JVM's exit. */
    static OpenRegions ofThisJvm() {
        return JVM;
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JVM::closeAll, "strait-spark-close-regions"));
    }

    /** The open filesystem of {@code settings}, opened on first use. The caller must not close it. */
    HadoopRegionFileSystem of(RegionSettings settings) {
        return open.computeIfAbsent(settings, opener);
    }

    /** How many filesystems are open. */
    int size() {
        return open.size();
    }

    /** Closes every filesystem and forgets it. */
    void closeAll() {
        for (RegionSettings settings : open.keySet()) {
            HadoopRegionFileSystem fs = open.remove(settings);
            if (fs != null) {
                try {
                    fs.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing the filesystem of region {}", settings.region(), e);
                }
            }
        }
    }
}
