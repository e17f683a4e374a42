package io.strait.reparo;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceStore;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.ReplicaLocations;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.PathMapper;
import io.strait.common.rows.RowComparer;
import io.strait.common.rows.RowComparison;
import io.strait.reparo.diff.Coverage;
import io.strait.reparo.diff.TableDiff;
import io.strait.reparo.diff.TableState;
import io.strait.reparo.scan.CopyRecords;
import io.strait.reparo.scan.HiddenFiles;
import io.strait.reparo.scan.RegionScanner;
import io.strait.reparo.scan.ScanOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a table between a source and a target region now, at a {@link ReconcileDepth}: scans both sides
 * ({@link RegionScanner}), diffs them ({@link TableDiff}), applies the consistent cut ({@link InFlightCut}: objects
 * with replication work in flight are reported {@code IN_FLIGHT}, not as divergent) and returns a
 * {@link ReconcileScan}: {@code CONSISTENT} (no divergence; objects may be in flight), {@code DIVERGENT}, or
 * {@code FAILED} with the reason when it could not check (the table exists in neither region, a metastore or file
 * could not be read). A table only in the target is {@code EXTRA_TABLE}. Every scan, failed ones included, is
 * recorded through the {@link DivergenceStore} when one is given; a failure to record it is thrown.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final RegionEndpoint source;
    private final RegionEndpoint target;
    private final int parallelism;
    private final ReconcileDepth depth;
    private final HiddenFiles hiddenFiles;
    private final CopyRecords copyRecords;
    private final Optional<DivergenceStore> store;
    private final InFlightObjects inFlight;
    private final Optional<RowComparer> rowComparer;
    private final Optional<ReplicaLocations> locations;
    private final int rowSample;
    private final Clock clock;

    private Reconciler(Builder builder) {
        this.source = builder.source;
        this.target = builder.target;
        this.parallelism = builder.parallelism;
        this.depth = builder.depth;
        this.hiddenFiles = builder.hiddenFiles;
        this.copyRecords = builder.copyRecords;
        this.store = Optional.ofNullable(builder.store);
        this.inFlight = builder.inFlight;
        this.rowComparer = Optional.ofNullable(builder.rowComparer);
        this.rowSample = builder.rowSample;
        this.locations = Optional.ofNullable(builder.pathMapper).map(ReplicaLocations::new);
        this.clock = builder.clock;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
    }

    public static Builder builder(RegionEndpoint source, RegionEndpoint target) {
        return new Builder(source, target);
    }

    /** Reconciles at the builder's depth (default {@code bytes}). */
    public ReconcileScan reconcile(TableRef table) {
        return reconcile(table, depth);
    }

    /**
     * The source as the target metastore can hold it: a Hive Metastore 3.1 target keeps no managed location and no
     * remote database, so its replica is not judged on them.
     */
    private TableState holdable(TableState sourceState) {
        return target.metastore().holdsHive4DatabaseFields() ? sourceState
                : sourceState.withDatabase(sourceState.database().map(DatabaseSnapshot::withoutHive4Fields));
    }

    public ReconcileScan reconcile(TableRef table, ReconcileDepth scanDepth) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(scanDepth, "scanDepth");
        long startedAt = clock.millis();
        LOG.info("reconcile of table {} {} -> {} at depth {}: started", table, source.region(), target.region(),
                scanDepth.label());
        ReconcileScan scan;
        try {
            scan = compare(table, scanDepth, startedAt);
        } catch (StraitException e) {
            scan = failed(table, scanDepth, startedAt, e.getMessage());
        }
        LOG.info("reconcile of table {} {} -> {} at depth {}: {} ({} divergences, {} objects in flight, {} objects,"
                + " {} files checked){}", table, source.region(), target.region(), scanDepth.label(), scan.status(),
                scan.divergent().size(), scan.objectsInFlight(), scan.objectsChecked(), scan.filesChecked(),
                scan.error().isEmpty() ? "" : ": " + scan.error());
        record(scan);
        return scan;
    }

    private ReconcileScan compare(TableRef table, ReconcileDepth scanDepth, long startedAt) {
        if (scanDepth == ReconcileDepth.ROWS && rowComparer.isEmpty()) {
            return failed(table, scanDepth, startedAt, "Cannot reconcile " + table + " at depth rows: no row"
                    + " comparer (Spark) is configured in this process");
        }
        InFlightObjects.Watch watch = inFlight.watch(table);
        ReconcileDepth fileDepth = scanDepth.fileDepth();
        TableState sourceState = holdable(scanner(source, new ScanOptions(fileDepth, hiddenFiles,
                CopyRecords.none())).scan(table));
        TableState targetState = scanner(target, new ScanOptions(fileDepth, hiddenFiles, copyRecords)).scan(table);
        if (!sourceState.exists() && !targetState.exists()) {
            return failed(table, scanDepth, startedAt, "Cannot reconcile " + table + ": it does not exist in region "
                    + source.region() + " (nor in region " + target.region() + ")");
        }
        List<Divergence> divergences = new java.util.ArrayList<>(
                TableDiff.diff(sourceState, targetState, fileDepth != ReconcileDepth.META, locations));
        List<String> rowFailures = List.of();
        if (scanDepth == ReconcileDepth.ROWS) {
            RowChecks.Plan plan = RowChecks.plan(sourceState, targetState);
            List<RowComparison> comparisons = rowComparer.get().compare(table, plan.objects(), rowSample);
            divergences.addAll(RowChecks.divergences(table, comparisons));
            rowFailures = new java.util.ArrayList<>(plan.problems());
            rowFailures.addAll(RowChecks.failures(table, comparisons));
        }
        List<Divergence> entries = InFlightCut.apply(table, divergences, watch.inFlight());
        Coverage coverage = TableDiff.coverage(sourceState, targetState);
        if (!rowFailures.isEmpty()) {
            return new ReconcileScan(source.region(), target.region(), table, startedAt, clock.millis(),
                    ReconcileScan.Status.FAILED, coverage.objectsChecked(), coverage.filesChecked(), entries,
                    "Cannot compare the rows of " + String.join("; ", rowFailures), scanDepth);
        }
        return new ReconcileScan(source.region(), target.region(), table, startedAt, clock.millis(),
                ReconcileScan.statusOf(entries), coverage.objectsChecked(), coverage.filesChecked(), entries, "",
                scanDepth);
    }

    private RegionScanner scanner(RegionEndpoint endpoint, ScanOptions options) {
        return new RegionScanner(endpoint.metastore(), endpoint.fileSystem(), parallelism, options);
    }

    private ReconcileScan failed(TableRef table, ReconcileDepth scanDepth, long startedAt, String error) {
        return new ReconcileScan(source.region(), target.region(), table, startedAt, clock.millis(),
                ReconcileScan.Status.FAILED, 0, 0, List.of(), error, scanDepth);
    }

    private void record(ReconcileScan scan) {
        store.ifPresent(divergences -> {
            long id = divergences.record(scan);
            LOG.info("reconcile of table {} {} -> {}: recorded as scan {}", scan.table(), scan.source(),
                    scan.target(), id);
        });
    }

    /** Options of a {@link Reconciler}; only the two regions are required. */
    public static final class Builder {
        private final RegionEndpoint source;
        private final RegionEndpoint target;
        private DivergenceStore store;
        private InFlightObjects inFlight = InFlightObjects.none();
        private int parallelism = RegionScanner.DEFAULT_PARALLELISM;
        private ReconcileDepth depth = ReconcileDepth.BYTES;
        private HiddenFiles hiddenFiles = HiddenFiles.HIVE;
        private CopyRecords copyRecords = CopyRecords.none();
        private RowComparer rowComparer;
        private PathMapper pathMapper;
        private int rowSample = 10;
        private Clock clock = Clock.systemUTC();

        private Builder(RegionEndpoint source, RegionEndpoint target) {
            this.source = Objects.requireNonNull(source, "source");
            this.target = Objects.requireNonNull(target, "target");
            if (source.region().equals(target.region())) {
                throw new IllegalArgumentException("source and target are the same region " + source.region());
            }
        }

        /** Records every scan (with its divergences) through {@code store}. */
        public Builder divergenceStore(DivergenceStore divergenceStore) {
            this.store = Objects.requireNonNull(divergenceStore, "divergenceStore");
            return this;
        }

        /** Where reconcile learns which objects have replication work in flight (default: none). */
        public Builder inFlightObjects(InFlightObjects objects) {
            this.inFlight = Objects.requireNonNull(objects, "objects");
            return this;
        }

        /** Partitions read at once per region (default {@link RegionScanner#DEFAULT_PARALLELISM}). */
        public Builder parallelism(int partitionsAtOnce) {
            this.parallelism = partitionsAtOnce;
            return this;
        }

        /** The depth of {@link Reconciler#reconcile(TableRef)} (default {@code bytes}). */
        public Builder depth(ReconcileDepth scanDepth) {
            this.depth = Objects.requireNonNull(scanDepth, "scanDepth");
            return this;
        }

        /** The files ignored on both sides (default {@link HiddenFiles#HIVE}: names starting with _ or .). */
        public Builder hiddenFiles(HiddenFiles hidden) {
            this.hiddenFiles = Objects.requireNonNull(hidden, "hidden");
            return this;
        }

        /** What Strait recorded about the target's copies, used at {@code files} depth (default: nothing). */
        public Builder copyRecords(CopyRecords records) {
            this.copyRecords = Objects.requireNonNull(records, "records");
            return this;
        }

        /** What compares rows at {@code rows} depth, showing up to {@code sampleRows} differing rows per object. */
        public Builder rowComparer(RowComparer comparer, int sampleRows) {
            this.rowComparer = Objects.requireNonNull(comparer, "comparer");
            if (sampleRows < 1) {
                throw new IllegalArgumentException("sampleRows must be >= 1: " + sampleRows);
            }
            this.rowSample = sampleRows;
            return this;
        }

        /**
         * The link's path mapping: with it, locations are judged ({@link ReplicaLocations}: a database's, a
         * partitioned table's, and whether data lies in Strait version folders); without, they are not compared.
         */
        public Builder pathMapper(PathMapper linkMapping) {
            this.pathMapper = Objects.requireNonNull(linkMapping, "linkMapping");
            return this;
        }

        public Builder clock(Clock scanClock) {
            this.clock = Objects.requireNonNull(scanClock, "scanClock");
            return this;
        }

        public Reconciler build() {
            return new Reconciler(this);
        }
    }
}
