package io.strait.sync;

import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.job.ForeignKeyFollowUps;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PartitionDrop;
import io.strait.common.publish.PartitionPublish;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.PublishOutcome.Status;
import io.strait.common.publish.ReplicaPublisher;
import io.strait.common.region.Locations;
import io.strait.common.region.PathMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits replicas into the target region's metastore, keeping every rule of {@link ReplicaPublisher}:
 * <ul>
 *   <li>Replicas carry every field of their source as {@link io.strait.common.metastore.ReplicaForm} rules
 *       ({@link ReplicaObjects}), at the source location mapped to the target's roots; databases get the mapped
 *       location when the source's lies under a mapped root, else none. Every object written carries Strait's
 *       parameters.</li>
 *   <li>A partition's switch to its version folder is atomic: an {@code add_partitions} or {@code alter_partitions}
 *       call, for one partition or a batch of one table's ({@link #publishPartitions}); the location it replaced is
 *       returned for housekeeping and never deleted here.</li>
 *   <li>An existing replica whose recorded source event id is not older than the publish's is left alone
 *       ({@code SKIPPED_NEWER_REPLICA}), unless it already shows exactly this publish (a retry after an unknown
 *       outcome), which is {@code PUBLISHED} with no replaced location.</li>
 *   <li>An object without {@code strait.source.region} equal to the publish's source region is never altered or
 *       dropped ({@code REFUSED_FOREIGN_OBJECT}); adding a table to an existing foreign database is allowed.</li>
 *   <li>Drops of absent objects are {@code ALREADY_ABSENT}; drops never delete data: the dropped object's location
 *       is returned as the replaced location for housekeeping.</li>
 *   <li>A missing database or table is created from the source snapshots before a partition is published.</li>
 * </ul>
 * Metastore failures surface as the gateway's {@code StraitException}s.
 */
public final class MetastoreReplicaPublisher implements ReplicaPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(MetastoreReplicaPublisher.class);

    private final MetastoreGateway target;
    private final ReplicaObjects replicas;

    public MetastoreReplicaPublisher(MetastoreGateway target, PathMapper pathMapper) {
        this.target = Objects.requireNonNull(target, "target");
        this.replicas = new ReplicaObjects(pathMapper);
    }

    @Override
    public Optional<String> currentLocation(ObjectRef object) {
        Optional<String> location = switch (object.level()) {
            case PARTITION -> target.getPartition(object.partitionRef()).map(PartitionSnapshot::location);
            case TABLE -> target.getTable(object.tableRef()).map(TableSnapshot::location);
            case DATABASE -> Optional.empty();
        };
        return location.filter(found -> !found.isEmpty());
    }

    @Override
    public PublishOutcome publishDatabase(PublishContext context, DatabaseSnapshot sourceDatabase) {
        String object = "database " + sourceDatabase.name();
        Optional<DatabaseSnapshot> existing = target.getDatabase(sourceDatabase.name());
        if (existing.isEmpty()) {
            DatabaseSnapshot replica = replicas.database(sourceDatabase, context);
            target.createDatabase(replica);
            return published(context, "created " + object + at(replica.location()) + connectorWarning(context,
                    replica), "");
        }
        return guarded(context, object, existing.get().parameters(), () -> {
            DatabaseSnapshot replica = replicas.database(sourceDatabase, context);
            if (!existing.get().remote().equals(replica.remote())) {
                return recreated(context, existing.get(), replica);
            }
            target.alterDatabase(replica);
            return published(context, "altered " + object, "");
        });
    }

    /**
     * A replica database whose kind differs from the source's (native or remote, or another data connector), which
     * no metastore alters: dropped and created again, when it holds no table.
     */
    private PublishOutcome recreated(PublishContext context, DatabaseSnapshot existing, DatabaseSnapshot replica) {
        String object = "database " + replica.name();
        List<String> tables = target.listTables(replica.name());
        if (!tables.isEmpty()) {
            throw StraitException.userError(String.format("Cannot make %s in region %s a %s as in region %s: the"
                    + " replica is a %s holding %d table(s) (%s), and a metastore cannot change a database's kind."
                    + " Drop those tables in region %s (they are not the source's), then rerun the job", object,
                    target.region(), replica.remote(), context.sourceRegion(), existing.remote(), tables.size(),
                    String.join(", ", tables.subList(0, Math.min(3, tables.size()))), target.region()));
        }
        target.dropDatabase(replica.name());
        target.createDatabase(replica);
        return published(context, "created " + object + " again as a " + replica.remote() + " (it was a "
                + existing.remote() + ")" + connectorWarning(context, replica), "");
    }

    /**
     * For a remote database whose data connector the target lacks (a metastore accepts it, and reading the database
     * fails until the connector exists): one WARN line, and the same words for the outcome; else nothing.
     */
    private String connectorWarning(PublishContext context, DatabaseSnapshot replica) {
        String connector = replica.remote().connector();
        if (!replica.remote().isRemote() || !target.holdsHive4DatabaseFields()
                || target.listDataConnectors().contains(connector)) {
            return "";
        }
        String warning = String.format("; region %s has no data connector %s: reading database %s there fails until"
                + " it is created in region %s (CREATE CONNECTOR %s ...)", target.region(), connector,
                replica.name(), target.region(), connector);
        LOG.warn("region {} job {}: database {} is a {}{}", target.region(), context.jobId(), replica.name(),
                replica.remote(), warning);
        return warning;
    }

    @Override
    public PublishOutcome publishTable(PublishContext context, TableSnapshot sourceTable, String versionFolder) {
        String folder = Objects.requireNonNullElse(versionFolder, "");
        TableSnapshot replica = replicas.table(sourceTable, folder, context);
        ensureDatabase(context, sourceTable.ref().database());
        String object = "table " + sourceTable.ref();
        Optional<TableSnapshot> existing = target.getTable(sourceTable.ref());
        if (existing.isEmpty()) {
            target.createTable(replica);
            return outcome(context, PublishOutcome.created("created " + object + at(replica.location())));
        }
        if (isThisPublish(existing.get().parameters(), existing.get().location(), context, folder)) {
            return published(context, object + " already shows this publish" + at(folder), "");
        }
        return guarded(context, object, existing.get().parameters(), () -> {
            target.alterTable(replica);
            String replaced = folder.isEmpty() || sameLocation(existing.get().location(), folder)
                    ? "" : existing.get().location();
            return published(context, "altered " + object + at(replica.location()), replaced);
        });
    }

    @Override
    public PublishOutcome publishPartition(PublishContext context, TableSnapshot sourceTable,
            PartitionSnapshot sourcePartition, String versionFolder) {
        return publishPartitions(sourceTable, List.of(new PartitionPublish(context, sourcePartition, versionFolder)))
                .get(0);
    }

    /**
     * One read of the target table (created if missing), one read of the replica partitions, one call adding the
     * new ones and one altering the outdated ones: a batch of n new partitions costs three metastore calls, not 3n.
     */
    @Override
    public List<PublishOutcome> publishPartitions(TableSnapshot sourceTable, List<PartitionPublish> publishes) {
        if (publishes.isEmpty()) {
            return List.of();
        }
        List<PartitionRef> refs = publishes.stream().map(publish -> publish.sourcePartition().ref()).toList();
        if (new HashSet<>(refs).size() != refs.size()) {
            throw new IllegalArgumentException("a batch publishes each partition once: " + refs);
        }
        TargetTable table = ensureTable(publishes.get(0).context(), sourceTable);
        if (table.refusal().isPresent()) {
            return publishes.stream().map(publish -> refused(publish.context(), "table " + sourceTable.ref(),
                    table.refusal().get())).toList();
        }
        Map<PartitionRef, PartitionSnapshot> existing = target.getPartitions(table.snapshot(), refs);
        PublishOutcome[] outcomes = new PublishOutcome[publishes.size()];
        List<Integer> added = new ArrayList<>();
        List<Integer> altered = new ArrayList<>();
        List<PartitionSnapshot> replicasToAdd = new ArrayList<>();
        List<PartitionSnapshot> replicasToAlter = new ArrayList<>();
        for (int i = 0; i < publishes.size(); i++) {
            PartitionPublish publish = publishes.get(i);
            PublishContext context = publish.context();
            PartitionSnapshot replica = replicas.partition(publish.sourcePartition(), publish.versionFolder(), context);
            PartitionSnapshot current = existing.get(refs.get(i));
            String object = "partition " + refs.get(i);
            if (current == null) {
                added.add(i);
                replicasToAdd.add(replica);
            } else if (isThisPublish(current.parameters(), current.location(), context, publish.versionFolder())) {
                outcomes[i] = published(context, object + " already shows this publish" + at(publish.versionFolder()),
                        "");
            } else {
                Optional<PublishOutcome> unchanged = unchangeable(context, object, current.parameters());
                if (unchanged.isPresent()) {
                    outcomes[i] = unchanged.get();
                } else {
                    altered.add(i);
                    replicasToAlter.add(replica);
                }
            }
        }
        target.addPartitions(replicasToAdd);
        for (int i : added) {
            outcomes[i] = outcome(publishes.get(i).context(), PublishOutcome.created("added partition " + refs.get(i)
                    + at(publishes.get(i).versionFolder())));
        }
        target.alterPartitions(table.snapshot(), replicasToAlter);
        for (int i : altered) {
            String folder = publishes.get(i).versionFolder();
            String before = existing.get(refs.get(i)).location();
            outcomes[i] = published(publishes.get(i).context(), "switched partition " + refs.get(i) + at(folder),
                    sameLocation(before, folder) ? "" : before);
        }
        return List.of(outcomes);
    }

    @Override
    public void publishColumnStatistics(PublishContext context, TableSnapshot sourceTable, ObjectRef object,
            List<ColumnStatistic> statistics) {
        switch (object.level()) {
            case TABLE -> target.replaceTableColumnStatistics(object.tableRef(), statistics);
            case PARTITION -> target.replacePartitionColumnStatistics(sourceTable, object.partitionRef(), statistics);
            case DATABASE -> throw new IllegalArgumentException("a database has no column statistics: " + object);
        }
        LOG.debug("region {} job {}: column statistics of {} set ({} columns)", target.region(), context.jobId(),
                object, statistics.size());
    }

    @Override
    public void publishConstraints(PublishContext context, TableRef table, List<TableConstraint> constraints) {
        List<String> leftOut = target.replaceConstraints(table, constraints);
        leftOut.forEach(refused -> LOG.warn("region {} job {}: constraint of {} left out, the metastore refused it:"
                + " {}; a later sync of the table or a reconcile repair adds it", target.region(), context.jobId(),
                table, refused));
        LOG.debug("region {} job {}: constraints of {} set ({} given, {} left out)", target.region(),
                context.jobId(), table, constraints.size(), leftOut.size());
    }

    /**
     * Per table holding some of {@code keys}: one read of the table and, for a replica of this source (not a foreign
     * table, which a sync would refuse), one of its constraints in the target.
     */
    @Override
    public List<ForeignKeyFollowUps.Waiting> lackingForeignKeys(PublishContext context, List<ForeignKeyRef> keys) {
        Map<TableRef, Set<String>> namesByTable = new TreeMap<>();
        keys.forEach(key -> namesByTable.computeIfAbsent(key.table(), table -> new HashSet<>()).add(key.name()));
        List<ForeignKeyFollowUps.Waiting> lacking = new ArrayList<>();
        namesByTable.forEach((table, names) -> target.getTable(table).filter(replica ->
                ReplicaOwnership.of(replica.parameters(), context) != ReplicaOwnership.FOREIGN).ifPresent(replica -> {
            Set<String> held = new HashSet<>();
            target.getConstraints(table).forEach(constraint -> held.add(constraint.name()));
            if (!held.containsAll(names)) {
                lacking.add(new ForeignKeyFollowUps.Waiting(table,
                        StraitParameters.sourceEventId(replica.parameters())));
            }
        }));
        return lacking;
    }

    @Override
    public PublishOutcome dropPartition(PublishContext context, PartitionRef partition) {
        Optional<PartitionSnapshot> existing = target.getTable(partition.table()).isEmpty()
                ? Optional.empty() : target.getPartition(partition);
        return drop(context, "partition " + partition, existing.map(PartitionSnapshot::parameters),
                existing.map(PartitionSnapshot::location), () -> target.dropPartition(partition));
    }

    /**
     * One read of the target table, one read of the replica partitions, one call dropping those to drop: a batch of n
     * partitions costs three metastore calls, not 3n. Each partition is judged as {@link #dropPartition} judges it.
     */
    @Override
    public List<PublishOutcome> dropPartitions(List<PartitionDrop> drops) {
        if (drops.isEmpty()) {
            return List.of();
        }
        List<PartitionRef> refs = drops.stream().map(PartitionDrop::partition).toList();
        TableRef table = refs.get(0).table();
        if (new HashSet<>(refs).size() != refs.size() || refs.stream().anyMatch(ref -> !ref.table().equals(table))) {
            throw new IllegalArgumentException("a batch drops each partition of one table once: " + refs);
        }
        Optional<TableSnapshot> targetTable = target.getTable(table);
        Map<PartitionRef, PartitionSnapshot> existing = targetTable.isEmpty() ? Map.of()
                : target.getPartitions(targetTable.get(), refs);
        PublishOutcome[] outcomes = new PublishOutcome[drops.size()];
        List<Integer> dropping = new ArrayList<>();
        for (int i = 0; i < drops.size(); i++) {
            Optional<PartitionSnapshot> current = Optional.ofNullable(existing.get(refs.get(i)));
            Optional<PublishOutcome> kept = notDropped(drops.get(i).context(), "partition " + refs.get(i),
                    current.map(PartitionSnapshot::parameters));
            if (kept.isPresent()) {
                outcomes[i] = kept.get();
            } else {
                dropping.add(i);
            }
        }
        if (!dropping.isEmpty()) {
            target.dropPartitions(targetTable.get(), dropping.stream().map(refs::get).toList());
        }
        for (int i : dropping) {
            outcomes[i] = dropped(drops.get(i).context(), "partition " + refs.get(i),
                    existing.get(refs.get(i)).location());
        }
        return List.of(outcomes);
    }

    @Override
    public PublishOutcome dropTable(PublishContext context, TableRef table) {
        Optional<TableSnapshot> existing = target.getTable(table);
        return drop(context, "table " + table, existing.map(TableSnapshot::parameters),
                existing.map(TableSnapshot::location), () -> target.dropTable(table));
    }

    @Override
    public PublishOutcome renameTable(PublishContext context, TableRef from, TableSnapshot sourceTable) {
        TableRef to = sourceTable.ref();
        String object = "table " + from + " (renamed to " + to + ")";
        Optional<TableSnapshot> existing = target.getTable(from);
        Optional<TableSnapshot> underNewName = target.getTable(to);
        if (underNewName.isPresent()) {
            Map<String, String> parameters = underNewName.get().parameters();
            if (ReplicaOwnership.of(parameters, context) == ReplicaOwnership.FOREIGN) {
                return refused(context, "table " + to, parameters);
            }
            if (existing.isEmpty() && StraitParameters.sourceEventId(parameters) == context.sourceEventId()) {
                return published(context, "table " + to + " already shows this rename from " + from, "");
            }
        }
        if (existing.isEmpty()) {
            return outcome(context, new PublishOutcome(Status.ALREADY_ABSENT, "table " + from + " is not in region "
                    + target.region() + ": nothing to rename, " + to + " is synced under its new name", ""));
        }
        if (underNewName.isPresent()) {
            Optional<PublishOutcome> foreign = unchangeable(context, object, existing.get().parameters())
                    .filter(refusal -> refusal.status() == Status.REFUSED_FOREIGN_OBJECT);
            return foreign.orElseGet(() -> outcome(context, new PublishOutcome(Status.ALREADY_ABSENT, "table " + to
                    + " already is in region " + target.region() + ": " + from + " is not renamed in place, " + to
                    + " is synced under its new name", "")));
        }
        return guarded(context, object, existing.get().parameters(), () -> {
            ensureDatabase(context, to.database());
            TableSnapshot replica = replicas.table(sourceTable, keptLocation(existing.get(), sourceTable), context);
            target.renameTable(from, replica);
            return published(context, "renamed table " + from + " to " + to + " in place" + at(replica.location())
                    + " (no data copied)", "");
        });
    }

    /**
     * The location a renamed replica keeps: its version folder for an unpartitioned table; for a partitioned one its
     * current location, unless the source location changed with the rename (then "": the mapped new location).
     */
    private static String keptLocation(TableSnapshot replica, TableSnapshot sourceTable) {
        if (!sourceTable.isPartitioned()) {
            return replica.location();
        }
        String replicatedFrom = replica.parameters().getOrDefault(StraitParameters.SOURCE_LOCATION, "");
        return sameLocation(replicatedFrom, sourceTable.location()) ? replica.location() : "";
    }

    @Override
    public PublishOutcome dropDatabase(PublishContext context, String database) {
        Optional<DatabaseSnapshot> existing = target.getDatabase(database);
        return drop(context, "database " + database, existing.map(DatabaseSnapshot::parameters),
                existing.map(DatabaseSnapshot::location), () -> target.dropDatabase(database));
    }

    private void ensureDatabase(PublishContext context, String database) {
        if (target.getDatabase(database).isEmpty()) {
            target.createDatabase(replicas.implicitDatabase(database, context));
            LOG.info("region {} job {}: created database {} for its first replicated table", target.region(),
                    context.jobId(), database);
        }
    }

    /** The replica table, created if missing; or the parameters of a table that is not Strait's from this source. */
    private TargetTable ensureTable(PublishContext context, TableSnapshot sourceTable) {
        Optional<TableSnapshot> existing = target.getTable(sourceTable.ref());
        if (existing.isPresent()) {
            return ReplicaOwnership.of(existing.get().parameters(), context) == ReplicaOwnership.FOREIGN
                    ? new TargetTable(existing.get(), Optional.of(existing.get().parameters()))
                    : new TargetTable(existing.get(), Optional.empty());
        }
        TableSnapshot replica = replicas.table(sourceTable, "", context);
        ensureDatabase(context, sourceTable.ref().database());
        target.createTable(replica);
        LOG.info("region {} job {}: created table {}{}", target.region(), context.jobId(), sourceTable.ref(),
                at(replica.location()));
        return new TargetTable(replica, Optional.empty());
    }

    /** The target's table as read (or as just created), and the parameters that refuse it when it is foreign. */
    private record TargetTable(TableSnapshot snapshot, Optional<Map<String, String>> refusal) {
    }

    private PublishOutcome drop(PublishContext context, String object, Optional<Map<String, String>> parameters,
            Optional<String> location, Runnable dropIt) {
        return notDropped(context, object, parameters).orElseGet(() -> {
            dropIt.run();
            return dropped(context, object, location.orElse(""));
        });
    }

    /**
     * The rule of every drop: the outcome of a replica that a drop must leave as it is (absent: already absent;
     * foreign: refused; carrying a source event not older than the drop's: newer replica), given its parameters
     * (empty when it is not there); empty when it is to be dropped.
     */
    private Optional<PublishOutcome> notDropped(PublishContext context, String object,
            Optional<Map<String, String>> parameters) {
        if (parameters.isEmpty()) {
            return Optional.of(outcome(context, new PublishOutcome(Status.ALREADY_ABSENT, object + " is not in region "
                    + target.region(), "")));
        }
        return unchangeable(context, object, parameters.get());
    }

    private PublishOutcome dropped(PublishContext context, String object, String location) {
        return published(context, "dropped " + object + " (data kept for housekeeping)", location);
    }

    private PublishOutcome guarded(PublishContext context, String object, Map<String, String> replicaParameters,
            Supplier<PublishOutcome> change) {
        return unchangeable(context, object, replicaParameters).orElseGet(change);
    }

    /** The outcome of a replica that this publish must leave alone: foreign, or already as new; else empty. */
    private Optional<PublishOutcome> unchangeable(PublishContext context, String object,
            Map<String, String> replicaParameters) {
        return switch (ReplicaOwnership.of(replicaParameters, context)) {
            case FOREIGN -> Optional.of(refused(context, object, replicaParameters));
            case CURRENT -> Optional.of(outcome(context, new PublishOutcome(Status.SKIPPED_NEWER_REPLICA,
                    String.format("%s in region %s already carries source event %d, not older than %d: nothing"
                            + " changed", object, target.region(), StraitParameters.sourceEventId(replicaParameters),
                            context.sourceEventId()), "")));
            case OUTDATED -> Optional.empty();
        };
    }

    private PublishOutcome refused(PublishContext context, String object, Map<String, String> parameters) {
        String writer = parameters.getOrDefault(StraitParameters.SOURCE_REGION, "<absent>");
        return outcome(context, new PublishOutcome(Status.REFUSED_FOREIGN_OBJECT, String.format(
                "%s in region %s was not written by Strait from region %s (%s=%s): it is never altered or dropped. "
                        + "Remove or rename it in region %s if Strait should own it", object, target.region(),
                context.sourceRegion(), StraitParameters.SOURCE_REGION, writer, target.region()), ""));
    }

    /** True when the replica already shows exactly this publish: same source event, same location. */
    private static boolean isThisPublish(Map<String, String> parameters, String currentLocation,
            PublishContext context, String newLocation) {
        return !newLocation.isEmpty() && ReplicaOwnership.of(parameters, context) != ReplicaOwnership.FOREIGN
                && StraitParameters.sourceEventId(parameters) == context.sourceEventId()
                && sameLocation(currentLocation, newLocation);
    }

    private static boolean sameLocation(String left, String right) {
        return Locations.canonical(left).equals(Locations.canonical(right));
    }

    private PublishOutcome published(PublishContext context, String detail, String replacedLocation) {
        return outcome(context, PublishOutcome.published(detail, replacedLocation));
    }

    /** Logged at DEBUG: the job's own outcome line (INFO) says what happened; this adds the metastore's detail. */
    private PublishOutcome outcome(PublishContext context, PublishOutcome outcome) {
        LOG.debug("region {} job {} (source {} event {}): {} {}{}", target.region(), context.jobId(),
                context.sourceRegion(), context.sourceEventId(), outcome.status(), outcome.detail(),
                outcome.replacedLocation().isEmpty() ? "" : ", replaced " + outcome.replacedLocation());
        return outcome;
    }

    private static String at(String location) {
        return location.isEmpty() ? "" : " at " + location;
    }
}
