package io.strait.reparo.scan;

import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.reparo.diff.FileState;
import io.strait.reparo.diff.PartitionState;
import io.strait.reparo.diff.TableState;
import io.strait.reparo.scan.CopyRecords.RecordedFile;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one region's current view of a table: the metastore's table and partitions and, as deep as its
 * {@link ScanOptions} ask, the live files at each partition's (or the unpartitioned table's) CURRENT metastore
 * location: none at {@code meta} depth; listed, hidden files left out, at {@code files} depth (with the copy records
 * of the locations, read once per table); also checksummed by reading every byte at {@code bytes} depth.
 * Partitions are read in parallel on a small pool created per scan. Any metastore or file error fails the whole
 * scan with a {@link StraitException}: reconcile never passes what it could not read.
 */
public final class RegionScanner {
    /** Default number of partitions read at once. */
    public static final int DEFAULT_PARALLELISM = 4;
    private static final Logger LOG = LoggerFactory.getLogger(RegionScanner.class);

    private final MetastoreGateway metastore;
    private final RegionFileSystem fileSystem;
    private final int parallelism;
    private final ScanOptions options;

    /** A scanner that reads every byte ({@link ScanOptions#DEFAULT}). */
    public RegionScanner(MetastoreGateway metastore, RegionFileSystem fileSystem, int parallelism) {
        this(metastore, fileSystem, parallelism, ScanOptions.DEFAULT);
    }

    public RegionScanner(MetastoreGateway metastore, RegionFileSystem fileSystem, int parallelism,
            ScanOptions options) {
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
        this.options = Objects.requireNonNull(options, "options");
    }

    public ScanOptions options() {
        return options;
    }

    public RegionId region() {
        return metastore.region();
    }

    /** The table as this region holds it now; {@link TableState#absent} when the metastore has no such table. */
    public TableState scan(TableRef ref) {
        Optional<TableSnapshot> found = metastore.getTable(ref);
        if (found.isEmpty()) {
            LOG.info("reconcile scan of table {} in region {}: table absent", ref, region());
            return TableState.absent(region(), ref).withDatabase(metastore.getDatabase(ref.database()));
        }
        TableSnapshot table = found.get();
        TableState state = (table.isPartitioned() ? scanPartitioned(table) : scanUnpartitioned(table))
                .withDatabase(metastore.getDatabase(ref.database()))
                .withConstraints(table.isView() ? List.of() : metastore.getConstraints(ref));
        LOG.info("reconcile scan of table {} in region {} (depth {}): {} partitions, {} files", ref, region(),
                options.depth().label(), state.partitions().size(), fileCount(state));
        return state;
    }

    private TableState scanUnpartitioned(TableSnapshot table) {
        if (table.isView()) {
            return TableState.unpartitioned(region(), table, List.of());
        }
        List<FileState> files = List.of();
        if (options.depth() != ReconcileDepth.META) {
            String location = requireLocation(table.location(), table.ref().toString());
            files = reader().read(table.ref(), location, recorded(table.ref(), List.of(location)).getOrDefault(
                    location, Map.of()));
        }
        return TableState.unpartitioned(region(), table, files)
                .withColumnStatistics(metastore.getTableColumnStatistics(table.ref()));
    }

    private TableState scanPartitioned(TableSnapshot table) {
        List<PartitionSnapshot> partitions = metastore.listPartitions(table.ref());
        Map<PartitionRef, List<ColumnStatistic>> statistics = metastore.getPartitionColumnStatistics(table,
                partitions.stream().map(PartitionSnapshot::ref).toList());
        if (options.depth() == ReconcileDepth.META) {
            return TableState.partitioned(region(), table, partitions.stream().map(partition -> PartitionState.of(
                    partition, statistics.getOrDefault(partition.ref(), List.of()), List.of())).toList());
        }
        LocationReader reader = reader();
        Map<String, Map<String, RecordedFile>> recorded = recorded(table.ref(), partitions.stream()
                .map(PartitionSnapshot::location).filter(location -> !location.isEmpty()).toList());
        try (ParallelReads<PartitionState> reads = new ParallelReads<>(region(), table.ref(), parallelism)) {
            List<PartitionState> states = reads.readAll(partitions.stream()
                    .map(partition -> (ParallelReads.Read<PartitionState>) () -> scanPartition(reader, partition,
                            statistics.getOrDefault(partition.ref(), List.of()),
                            recorded.getOrDefault(partition.location(), Map.of())))
                    .toList());
            return TableState.partitioned(region(), table, states);
        }
    }

    private PartitionState scanPartition(LocationReader reader, PartitionSnapshot partition,
            List<ColumnStatistic> statistics, Map<String, RecordedFile> recorded) {
        String location = requireLocation(partition.location(), partition.ref().toString());
        List<FileState> files = reader.read(partition.ref().table(), location, recorded);
        LOG.debug("reconcile scan of partition {} in region {}: {} files at {}", partition.ref(), region(),
                files.size(), location);
        return PartitionState.of(partition, statistics, files);
    }

    private LocationReader reader() {
        return new LocationReader(fileSystem, options.depth(), options.hiddenFiles());
    }

    /** The copy records of {@code locations}: read at {@code files} depth only, once per table scan. */
    private Map<String, Map<String, RecordedFile>> recorded(TableRef table, List<String> locations) {
        if (options.depth() != ReconcileDepth.FILES || locations.isEmpty()) {
            return Map.of();
        }
        return options.copyRecords().verifiedFiles(table, locations);
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
