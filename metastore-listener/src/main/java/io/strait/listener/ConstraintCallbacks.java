package io.strait.listener;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.events.AddCheckConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddDefaultConstraintEvent;
import org.apache.hadoop.hive.metastore.events.ListenerEvent;

/**
 * The {@code DEFAULT} and {@code CHECK} constraint callbacks of {@link StraitMetastoreListener}, apart because their
 * event classes exist only in Hive Metastore 4.x (a 3.1 metastore fires no event for these constraints): the
 * listener class itself must load (and verify) in a 3.1 metastore, which never calls these callbacks and so never
 * loads their event classes. They hand the event's rows to the listener's one way of capturing constraint rows
 * ({@link Rows}, generic on purpose as {@link Capture} is). The other constraint callbacks exist in both lines and
 * are in the listener class.
 */
final class ConstraintCallbacks {
    /**
     * How the listener captures one {@code CONSTRAINTS} event per table a call's constraint rows name. Generic in
     * the event: erased to {@code Object}, it lets a 3.1 metastore verify this class without loading the 4.x event
     * classes passed to it.
     */
    interface Rows<E> {
        <R> void capture(E event, List<R> rows, Function<R, String> catalog, Function<R, String> database,
                Function<R, String> table);
    }

    private final Rows<ListenerEvent> rows;

    ConstraintCallbacks(Rows<ListenerEvent> rows) {
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    void defaultAdded(AddDefaultConstraintEvent event) {
        rows.capture(event, event.getDefaultConstraintCols(), SQLDefaultConstraint::getCatName,
                SQLDefaultConstraint::getTable_db, SQLDefaultConstraint::getTable_name);
    }

    void checkAdded(AddCheckConstraintEvent event) {
        rows.capture(event, event.getCheckConstraintCols(), SQLCheckConstraint::getCatName,
                SQLCheckConstraint::getTable_db, SQLCheckConstraint::getTable_name);
    }
}
