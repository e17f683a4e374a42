package io.strait.reparo.repair;

import io.strait.common.config.TableFilter;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the divergences of a scan into a {@link RepairPlan}, a pure function: the same divergences in any order
 * give the same plan, with at most one action per object. One rule per {@link DivergenceClass} says which object a
 * divergence is repaired on and how:
 * <ul>
 *   <li>{@code MISSING_DATABASE}, {@code DATABASE_DRIFT}: the table's database, {@code SYNC_DATABASE};</li>
 *   <li>{@code MISSING_TABLE}: {@code COPY_TABLE} (the table, then every partition the source has);
 *       {@code PARTITION_KEY_DRIFT}: {@code RECREATE_TABLE} (drop the replica, then as {@code COPY_TABLE});</li>
 *   <li>table-level drifts ({@code TABLE_TYPE}, {@code SCHEMA}, {@code STORAGE}, {@code BUCKETING}, {@code SKEW},
 *       {@code VIEW}, {@code OWNER}, {@code PARAMETER}, {@code STATISTICS}) and file divergences of an unpartitioned
 *       table: {@code SYNC_TABLE};</li>
 *   <li>{@code MISSING_PARTITION}, partition-level drifts and file divergences in a partition:
 *       {@code SYNC_PARTITION};</li>
 *   <li>{@code EXTRA_TABLE}, {@code EXTRA_PARTITION}: {@code DROP_TABLE}, {@code DROP_PARTITION} (data to the
 *       quarantine) only with {@link ExtraObjects#DROP_TO_QUARANTINE}, else left with the reason;</li>
 *   <li>{@code IN_FLIGHT}: left (the pipeline is still working on the object); an object with any class that is
 *       left gets no action at all.</li>
 * </ul>
 * When one object gets several kinds, the first in {@link RepairActionKind}'s order wins; a table action that
 * replicates every partition ({@link RepairActionKind#coversEveryPartition()}) absorbs the table's partition
 * actions. Classes outside the planner's repairable set are left with the reason.
 */
public final class RepairPlanner {
    private static final Map<DivergenceClass, Rule> RULES = rules();
    private static final Comparator<ObjectRef> OBJECT_ORDER = Comparator.<ObjectRef, String>comparing(ObjectRef::database)
            .thenComparing(ObjectRef::table)
            .thenComparing((left, right) -> compareValues(left.partitionValues(), right.partitionValues()));

    private final ExtraObjects extraObjects;
    private final Set<DivergenceClass> repairable;
    private final TableFilter tables;

    /** A planner that repairs every class on every table; extra objects as {@code extraObjects} says. */
    public RepairPlanner(ExtraObjects extraObjects) {
        this(extraObjects, EnumSet.allOf(DivergenceClass.class), TableFilter.all());
    }

    /**
     * A planner that repairs only {@code repairable} classes (automatic repair) on the tables {@code tables} selects
     * (the link's include and exclude patterns); divergences of other classes or on other tables are left.
     */
    public RepairPlanner(ExtraObjects extraObjects, Set<DivergenceClass> repairable, TableFilter tables) {
        this.extraObjects = Objects.requireNonNull(extraObjects, "extraObjects");
        this.repairable = repairable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(repairable));
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /** The rule for {@code divergenceClass}; empty when the class has none (a class added without one). */
    static Optional<Rule> ruleFor(DivergenceClass divergenceClass) {
        return Optional.ofNullable(RULES.get(divergenceClass));
    }

    public RepairPlan plan(String link, List<Divergence> divergences) {
        Map<ObjectRef, Proposals> byObject = new TreeMap<>(OBJECT_ORDER);
        for (Divergence divergence : divergences) {
            propose(divergence, byObject);
        }
        absorbPartitionsOfWholeTables(byObject);
        List<RepairAction> actions = new ArrayList<>();
        List<LeftObject> left = new ArrayList<>();
        byObject.forEach((object, proposals) -> decide(object, proposals, actions, left));
        return new RepairPlan(link, actions, left);
    }

    private void propose(Divergence divergence, Map<ObjectRef, Proposals> byObject) {
        DivergenceClass divergenceClass = divergence.divergenceClass();
        Rule rule = RULES.get(divergenceClass);
        ObjectRef object = rule == null ? objectOf(divergence) : rule.objectOf(divergence);
        Proposals proposals = byObject.computeIfAbsent(object, ignored -> new Proposals());
        Optional<RepairActionKind> kind = rule == null ? Optional.empty() : rule.kindFor(object);
        if (kind.isEmpty()) {
            proposals.leave(divergenceClass, rule == null || rule.leaveReason().isEmpty()
                    ? "Strait has no repair for " + divergenceClass + " on a " + object.level().name()
                            .toLowerCase(Locale.ROOT) + " yet"
                    : rule.leaveReason());
        } else if (!selected(object)) {
            proposals.leave(divergenceClass, "the link does not replicate it (links[].include, links[].exclude)");
        } else if (!repairable.contains(divergenceClass)) {
            proposals.leave(divergenceClass, "automatic repair of " + divergenceClass
                    + " is not configured (links[].reconcile.repair)");
        } else {
            proposals.propose(divergenceClass, kind.get());
        }
    }

    private boolean selected(ObjectRef object) {
        return object.level() == ObjectRef.Level.DATABASE ? tables.mayIncludeDatabase(object.database())
                : tables.includesTable(object.database(), object.table());
    }

    /** Partition divergences of a table that is replicated (or dropped) whole are repaired by the table action. */
    private static void absorbPartitionsOfWholeTables(Map<ObjectRef, Proposals> byObject) {
        List<ObjectRef> absorbed = new ArrayList<>();
        byObject.forEach((object, proposals) -> {
            if (object.level() != ObjectRef.Level.PARTITION) {
                return;
            }
            Proposals table = byObject.get(ObjectRef.table(object.tableRef()));
            if (table != null && table.bestKind().filter(RepairActionKind::coversEveryPartition).isPresent()) {
                table.absorb(proposals);
                absorbed.add(object);
            }
        });
        absorbed.forEach(byObject::remove);
    }

    private void decide(ObjectRef object, Proposals proposals, List<RepairAction> actions, List<LeftObject> left) {
        if (!proposals.leaveReasons.isEmpty()) {
            left.add(new LeftObject(object, proposals.classes, String.join("; ", proposals.leaveReasons)));
            return;
        }
        RepairActionKind kind = proposals.bestKind().orElseThrow();
        if (kind.removesExtraObject() && extraObjects == ExtraObjects.KEEP) {
            left.add(new LeftObject(object, proposals.classes, "not in the source region: rerun with --allow-delete"
                    + " to drop it (its data moves to the quarantine)"));
            return;
        }
        actions.add(new RepairAction(kind, object, proposals.classes));
    }

    private static ObjectRef objectOf(Divergence divergence) {
        return divergence.partitionValues().isEmpty() ? ObjectRef.table(divergence.table())
                : new ObjectRef(divergence.table().database(), divergence.table().table(),
                        divergence.partitionValues());
    }

    private static int compareValues(List<String> left, List<String> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int compared = left.get(i).compareTo(right.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /** What the divergences on one object call for. */
    private static final class Proposals {
        private final Set<DivergenceClass> classes = EnumSet.noneOf(DivergenceClass.class);
        private final Set<RepairActionKind> kinds = EnumSet.noneOf(RepairActionKind.class);
        private final List<String> leaveReasons = new ArrayList<>();

        void propose(DivergenceClass divergenceClass, RepairActionKind kind) {
            classes.add(divergenceClass);
            kinds.add(kind);
        }

        void leave(DivergenceClass divergenceClass, String reason) {
            classes.add(divergenceClass);
            if (!leaveReasons.contains(reason)) {
                leaveReasons.add(reason);
                Collections.sort(leaveReasons);
            }
        }

        void absorb(Proposals partition) {
            classes.addAll(partition.classes);
        }

        /** The first kind in declaration order: the one that wins on this object. */
        Optional<RepairActionKind> bestKind() {
            return kinds.stream().findFirst();
        }
    }

    /**
     * How a class is repaired: on which object, with which kind; or left, with the reason.
     *
     * @param level where the action goes: the database, the table, or the divergence's own object (its partition
     *     if it names one, else its table)
     * @param onTable the kind when that object is a database or a table; empty: left
     * @param onPartition the kind when that object is a partition; empty: left
     * @param leaveReason why the class is left where it has no kind (empty: no repair exists)
     */
    record Rule(Level level, Optional<RepairActionKind> onTable, Optional<RepairActionKind> onPartition,
            String leaveReason) {
        enum Level { DATABASE, TABLE, OWN_OBJECT }

        ObjectRef objectOf(Divergence divergence) {
            return switch (level) {
                case DATABASE -> ObjectRef.database(divergence.table().database());
                case TABLE -> ObjectRef.table(divergence.table());
                case OWN_OBJECT -> RepairPlanner.objectOf(divergence);
            };
        }

        Optional<RepairActionKind> kindFor(ObjectRef object) {
            return object.level() == ObjectRef.Level.PARTITION ? onPartition : onTable;
        }

        static Rule database() {
            return new Rule(Level.DATABASE, Optional.of(RepairActionKind.SYNC_DATABASE), Optional.empty(), "");
        }

        static Rule table(RepairActionKind kind) {
            return new Rule(Level.TABLE, Optional.of(kind), Optional.empty(), "");
        }

        static Rule ownObject(RepairActionKind onTable, RepairActionKind onPartition) {
            return new Rule(Level.OWN_OBJECT, Optional.of(onTable), Optional.of(onPartition), "");
        }

        static Rule partitionOnly(RepairActionKind onPartition) {
            return new Rule(Level.OWN_OBJECT, Optional.empty(), Optional.of(onPartition), "");
        }

        static Rule leave(String reason) {
            return new Rule(Level.OWN_OBJECT, Optional.empty(), Optional.empty(), reason);
        }
    }

    private static Map<DivergenceClass, Rule> rules() {
        Map<DivergenceClass, Rule> rules = new EnumMap<>(DivergenceClass.class);
        rules.put(DivergenceClass.MISSING_DATABASE, Rule.database());
        rules.put(DivergenceClass.DATABASE_DRIFT, Rule.database());
        rules.put(DivergenceClass.MISSING_TABLE, Rule.table(RepairActionKind.COPY_TABLE));
        rules.put(DivergenceClass.EXTRA_TABLE, Rule.table(RepairActionKind.DROP_TABLE));
        rules.put(DivergenceClass.PARTITION_KEY_DRIFT, Rule.table(RepairActionKind.RECREATE_TABLE));
        for (DivergenceClass drift : List.of(DivergenceClass.TABLE_TYPE_DRIFT, DivergenceClass.VIEW_DRIFT,
                DivergenceClass.OWNER_DRIFT, DivergenceClass.CONSTRAINT_DRIFT)) {
            rules.put(drift, Rule.table(RepairActionKind.SYNC_TABLE));
        }
        for (DivergenceClass ownObject : List.of(DivergenceClass.SCHEMA_DRIFT, DivergenceClass.LOCATION_DRIFT,
                DivergenceClass.STORAGE_DRIFT,
                DivergenceClass.BUCKETING_DRIFT, DivergenceClass.SKEW_DRIFT, DivergenceClass.PARAMETER_DRIFT,
                DivergenceClass.STATISTICS_DRIFT, DivergenceClass.MISSING_FILE, DivergenceClass.EXTRA_FILE,
                DivergenceClass.DIFFERENT_FILE, DivergenceClass.DIFFERENT_ROWS)) {
            rules.put(ownObject, Rule.ownObject(RepairActionKind.SYNC_TABLE, RepairActionKind.SYNC_PARTITION));
        }
        rules.put(DivergenceClass.MISSING_PARTITION, Rule.partitionOnly(RepairActionKind.SYNC_PARTITION));
        rules.put(DivergenceClass.EXTRA_PARTITION, Rule.partitionOnly(RepairActionKind.DROP_PARTITION));
        rules.put(DivergenceClass.IN_FLIGHT, Rule.leave("replication work was in flight on it during the scan: the"
                + " pipeline brings it up to date; rescan once it has"));
        return rules;
    }
}
