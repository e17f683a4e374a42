package io.strait.reparo.repair;

import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only view of one region's metastore whose tables list only their recent partitions, for the scheduled
 * reconcile's frequent scans: a scan through the views of both regions reads and compares the recent partitions
 * only. Recent are the partitions {@link RecentPartitions} calls recent in either region, so that a partition
 * recent on one side is compared with the other side's whatever its age there. Make both views with
 * {@link #ofBoth}; each scan's recent set is read once per table and kept for the views' life (make new views per
 * scan).
 */
public final class RecentPartitionsView implements MetastoreGateway {
    private final MetastoreGateway delegate;
    private final RecentSet recent;

    private RecentPartitionsView(MetastoreGateway delegate, RecentSet recent) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.recent = recent;
    }

    /** The views of a link's two regions, sharing one recent set per table. */
    public static List<MetastoreGateway> ofBoth(MetastoreGateway source, MetastoreGateway target, Clock clock,
            Duration window) {
        RecentSet recent = new RecentSet(source, target, clock, window);
        return List.of(new RecentPartitionsView(source, recent), new RecentPartitionsView(target, recent));
    }

    /** The partition values recent in either region, per table, read once. */
    private static final class RecentSet {
        private final MetastoreGateway source;
        private final MetastoreGateway target;
        private final Clock clock;
        private final Duration window;
        private final Map<TableRef, Set<List<String>>> byTable = new ConcurrentHashMap<>();

        RecentSet(MetastoreGateway source, MetastoreGateway target, Clock clock, Duration window) {
            this.source = source;
            this.target = target;
            this.clock = clock;
            this.window = window;
        }

        Set<List<String>> of(TableRef table) {
            return byTable.computeIfAbsent(table, ref -> {
                Set<List<String>> values = new HashSet<>();
                for (MetastoreGateway metastore : List.of(source, target)) {
                    if (metastore.getTable(ref).isPresent()) {
                        metastore.listPartitions(ref).stream()
                                .filter(partition -> RecentPartitions.isRecent(partition, clock.instant(), window))
                                .forEach(partition -> values.add(partition.ref().values()));
                    }
                }
                return Set.copyOf(values);
            });
        }
    }

    @Override
    public List<PartitionSnapshot> listPartitions(TableRef table) {
        Set<List<String>> values = recent.of(table);
        return delegate.listPartitions(table).stream().filter(partition -> values.contains(partition.ref().values()))
                .toList();
    }

    @Override
    public RegionId region() {
        return delegate.region();
    }

    @Override
    public List<String> listDatabases() {
        return delegate.listDatabases();
    }

    @Override
    public Optional<DatabaseSnapshot> getDatabase(String name) {
        return delegate.getDatabase(name);
    }

    @Override
    public List<String> listTables(String database) {
        return delegate.listTables(database);
    }

    @Override
    public Optional<TableSnapshot> getTable(TableRef table) {
        return delegate.getTable(table);
    }

    @Override
    public Optional<PartitionSnapshot> getPartition(PartitionRef partition) {
        return delegate.getPartition(partition);
    }

    @Override
    public List<ColumnStatistic> getTableColumnStatistics(TableRef table) {
        return delegate.getTableColumnStatistics(table);
    }

    @Override
    public Map<PartitionRef, List<ColumnStatistic>> getPartitionColumnStatistics(TableSnapshot table,
            List<PartitionRef> partitions) {
        return delegate.getPartitionColumnStatistics(table, partitions);
    }

    @Override
    public List<TableConstraint> getConstraints(TableRef table) {
        return delegate.getConstraints(table);
    }

    @Override
    public List<String> replaceConstraints(TableRef table, List<TableConstraint> constraints) {
        throw readOnly();
    }

    @Override
    public List<ForeignKeyRef> getForeignKeysReferencing(TableRef parent) {
        return delegate.getForeignKeysReferencing(parent);
    }

    @Override
    public void createDatabase(DatabaseSnapshot database) {
        throw readOnly();
    }

    @Override
    public void alterDatabase(DatabaseSnapshot database) {
        throw readOnly();
    }

    @Override
    public void dropDatabase(String name) {
        throw readOnly();
    }

    @Override
    public void createTable(TableSnapshot table) {
        throw readOnly();
    }

    @Override
    public void alterTable(TableSnapshot table) {
        throw readOnly();
    }

    @Override
    public void renameTable(TableRef from, TableSnapshot renamed) {
        throw readOnly();
    }

    @Override
    public void dropTable(TableRef table) {
        throw readOnly();
    }

    @Override
    public void addPartition(PartitionSnapshot partition) {
        throw readOnly();
    }

    @Override
    public void alterPartition(PartitionSnapshot partition) {
        throw readOnly();
    }

    @Override
    public void dropPartition(PartitionRef partition) {
        throw readOnly();
    }

    @Override
    public void replaceTableColumnStatistics(TableRef table, List<ColumnStatistic> statistics) {
        throw readOnly();
    }

    @Override
    public void replacePartitionColumnStatistics(TableSnapshot table, PartitionRef partition,
            List<ColumnStatistic> statistics) {
        throw readOnly();
    }

    /** The view does not own the delegate: closing it leaves the region's client open. */
    @Override
    public void close() {
    }

    private UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the recent-partitions view of region " + delegate.region()
                + " is read only");
    }
}
