package io.strait.common.job;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects locked by a set of jobs, indexed so that whether a job conflicts with any of them ({@link
 * JobDag#conflicts(ObjectRef, ObjectRef)} against each, jobs of other links never conflicting) costs a few hash
 * lookups per object it locks, whatever the number of jobs added: a claim checks every candidate against the jobs it
 * has taken so far.
 */
public final class ObjectLocks {
    private final Map<List<String>, DatabaseLocks> byLinkAndDatabase = new HashMap<>();

    private static final class DatabaseLocks {
        int databaseLevel;
        int any;
        final Map<String, TableLocks> tables = new HashMap<>();
    }

    private static final class TableLocks {
        int tableLevel;
        int any;
        final Set<List<String>> partitions = new HashSet<>();
    }

    /** Adds the objects {@code job} {@linkplain ReplicationJob#lockedObjects locks}. */
    public void add(ReplicationJob job) {
        for (ObjectRef object : job.lockedObjects()) {
            DatabaseLocks database = byLinkAndDatabase.computeIfAbsent(List.of(job.link(), object.database()),
                    key -> new DatabaseLocks());
            database.any++;
            if (object.level() == ObjectRef.Level.DATABASE) {
                database.databaseLevel++;
                continue;
            }
            TableLocks table = database.tables.computeIfAbsent(object.table(), key -> new TableLocks());
            table.any++;
            if (object.level() == ObjectRef.Level.TABLE) {
                table.tableLevel++;
            } else {
                table.partitions.add(object.partitionValues());
            }
        }
    }

    /** True when {@code job} conflicts with a job added here: one of the objects it locks conflicts with one held. */
    public boolean conflicts(ReplicationJob job) {
        for (ObjectRef object : job.lockedObjects()) {
            if (conflicts(job.link(), object)) {
                return true;
            }
        }
        return false;
    }

    private boolean conflicts(String link, ObjectRef object) {
        DatabaseLocks database = byLinkAndDatabase.get(List.of(link, object.database()));
        if (database == null) {
            return false;
        }
        if (object.level() == ObjectRef.Level.DATABASE) {
            return database.any > 0;
        }
        if (database.databaseLevel > 0) {
            return true;
        }
        TableLocks table = database.tables.get(object.table());
        if (table == null) {
            return false;
        }
        if (object.level() == ObjectRef.Level.TABLE) {
            return table.any > 0;
        }
        return table.tableLevel > 0 || table.partitions.contains(object.partitionValues());
    }
}
