package io.strait.reparo;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceStore;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.reparo.diff.Coverage;
import io.strait.reparo.diff.TableDiff;
import io.strait.reparo.diff.TableState;
import io.strait.reparo.scan.RegionScanner;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a table between a source and a target region now: scans both sides ({@link RegionScanner}), diffs
 * them ({@link TableDiff}) and returns a {@link ReconcileScan}: {@code CONSISTENT}, {@code DIVERGENT}, or
 * {@code FAILED} with the reason when it could not check (the table is absent in the source, a metastore or file
 * could not be read). Every scan, failed ones included, is recorded through the {@link DivergenceStore} when one is
 * given; a failure to record it is thrown.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final RegionEndpoint source;
    private final RegionEndpoint target;
    private final RegionScanner sourceScanner;
    private final RegionScanner targetScanner;
    private final Optional<DivergenceStore> store;
    private final InFlightObjects inFlight;
    private final Clock clock;

    private Reconciler(Builder builder) {
        this.source = builder.source;
        this.target = builder.target;
        this.sourceScanner = new RegionScanner(source.metastore(), source.fileSystem(), builder.parallelism);
        this.targetScanner = new RegionScanner(target.metastore(), target.fileSystem(), builder.parallelism);
        this.store = Optional.ofNullable(builder.store);
        this.inFlight = builder.inFlight;
        this.clock = builder.clock;
    }

    public static Builder builder(RegionEndpoint source, RegionEndpoint target) {
        return new Builder(source, target);
    }

    public ReconcileScan reconcile(TableRef table) {
        Objects.requireNonNull(table, "table");
        long startedAt = clock.millis();
        LOG.info("reconcile of table {} {} -> {}: started", table, source.region(), target.region());
        ReconcileScan scan;
        try {
            scan = compare(table, startedAt);
        } catch (StraitException e) {
            scan = failed(table, startedAt, e.getMessage());
        }
        LOG.info("reconcile of table {} {} -> {}: {} ({} divergences, {} objects, {} files checked){}", table,
                source.region(), target.region(), scan.status(), scan.divergences().size(), scan.objectsChecked(),
                scan.filesChecked(), scan.error().isEmpty() ? "" : ": " + scan.error());
        record(scan);
        return scan;
    }

    private ReconcileScan compare(TableRef table, long startedAt) {
        TableState sourceState = sourceScanner.scan(table);
        if (!sourceState.exists()) {
            return failed(table, startedAt, "Cannot reconcile " + table + ": it does not exist in region "
                    + source.region());
        }
        TableState targetState = targetScanner.scan(table);
        List<Divergence> divergences = settled(TableDiff.diff(sourceState, targetState));
        Coverage coverage = TableDiff.coverage(sourceState, targetState);
        ReconcileScan.Status status = divergences.isEmpty() ? ReconcileScan.Status.CONSISTENT
                : ReconcileScan.Status.DIVERGENT;
        return new ReconcileScan(source.region(), target.region(), table, startedAt, clock.millis(), status,
                coverage.objectsChecked(), coverage.filesChecked(), divergences, "");
    }

    /** The divergences on objects without jobs in flight; the others are expected and only logged. */
    private List<Divergence> settled(List<Divergence> divergences) {
        return divergences.stream().filter(divergence -> {
            boolean pending = inFlight.isInFlight(divergence.table(), divergence.partitionValues());
            if (pending) {
                LOG.info("reconcile of table {}: {} {} left out, a job is in flight", divergence.table(),
                        divergence.divergenceClass(), divergence.subject());
            }
            return !pending;
        }).toList();
    }

    private ReconcileScan failed(TableRef table, long startedAt, String error) {
        return new ReconcileScan(source.region(), target.region(), table, startedAt, clock.millis(),
                ReconcileScan.Status.FAILED, 0, 0, List.of(), error);
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

        public Builder inFlightObjects(InFlightObjects objects) {
            this.inFlight = Objects.requireNonNull(objects, "objects");
            return this;
        }

        /** Partitions read at once per region (default {@link RegionScanner#DEFAULT_PARALLELISM}). */
        public Builder parallelism(int partitionsAtOnce) {
            this.parallelism = partitionsAtOnce;
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
