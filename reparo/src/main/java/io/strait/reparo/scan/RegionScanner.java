package io.strait.reparo.scan;

import io.strait.common.error.StraitException;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.reparo.diff.FileState;
import io.strait.reparo.diff.PartitionState;
import io.strait.reparo.diff.TableState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one region's current view of a table: the metastore's table and partitions, and for each partition (or the
 * unpartitioned table) the live files at its CURRENT metastore location, each checksummed by reading every byte.
 * Partitions are read in parallel on a small pool created per scan. Any metastore or file error fails the whole
 * scan with a {@link StraitException}: reconcile never passes what it could not read.
 */
public final class RegionScanner {
    /** Default number of partitions read at once. */
    public static final int DEFAULT_PARALLELISM = 4;
    private static final Logger LOG = LoggerFactory.getLogger(RegionScanner.class);
    private static final String VIRTUAL_VIEW = "VIRTUAL_VIEW";

    private final MetastoreGateway metastore;
    private final RegionFileSystem fileSystem;
    private final int parallelism;

    public RegionScanner(MetastoreGateway metastore, RegionFileSystem fileSystem, int parallelism) {
        this.metastore = Objects.requireNonNull(metastore, "metastore");
        this.fileSystem = Objects.requireNonNull(fileSystem, "fileSystem");
        if (!metastore.region().equals(fileSystem.region())) {
            throw new IllegalArgumentException("metastore of region " + metastore.region()
                    + " paired with filesystem of region " + fileSystem.region());
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public RegionId region() {
        return metastore.region();
    }

    /** The table as this region holds it now; {@link TableState#absent} when the metastore has no such table. */
    public TableState scan(TableRef ref) {
        Optional<TableSnapshot> found = metastore.getTable(ref);
        if (found.isEmpty()) {
            LOG.info("reconcile scan of table {} in region {}: table absent", ref, region());
            return TableState.absent(region(), ref);
        }
        TableSnapshot table = found.get();
        TableState state = table.isPartitioned() ? scanPartitioned(table) : scanUnpartitioned(table);
        LOG.info("reconcile scan of table {} in region {}: {} partitions, {} files", ref, region(),
                state.partitions().size(), fileCount(state));
        return state;
    }

    private TableState scanUnpartitioned(TableSnapshot table) {
        if (table.tableType().equals(VIRTUAL_VIEW)) {
            return TableState.unpartitioned(region(), table, List.of());
        }
        String location = requireLocation(table.location(), table.ref().toString());
        return TableState.unpartitioned(region(), table, new LocationReader(fileSystem).read(table.ref(), location));
    }

    private TableState scanPartitioned(TableSnapshot table) {
        List<PartitionSnapshot> partitions = metastore.listPartitions(table.ref());
        LocationReader reader = new LocationReader(fileSystem);
        try (ParallelReads<PartitionState> reads = new ParallelReads<>(region(), table.ref(), parallelism)) {
            List<PartitionState> states = reads.readAll(partitions.stream()
                    .map(partition -> (ParallelReads.Read<PartitionState>) () -> scanPartition(reader, partition))
                    .toList());
            return TableState.partitioned(region(), table, states);
        }
    }

    private PartitionState scanPartition(LocationReader reader, PartitionSnapshot partition) {
        String location = requireLocation(partition.location(), partition.ref().toString());
        List<FileState> files = reader.read(partition.ref().table(), location);
        LOG.debug("reconcile scan of partition {} in region {}: {} files at {}", partition.ref(), region(),
                files.size(), location);
        return new PartitionState(partition.ref().values(), location, partition.storage(), partition.parameters(),
                files);
    }

    private String requireLocation(String location, String object) {
        if (location.isEmpty()) {
            throw StraitException.external(String.format("Cannot scan %s in region %s: its metastore entry has no "
                    + "location. Set a location on it, then rerun reconcile", object, region()), null);
        }
        return location;
    }

    private static long fileCount(TableState state) {
        return state.files().size()
                + state.partitions().stream().mapToLong(partition -> partition.files().size()).sum();
    }
}
