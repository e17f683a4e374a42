package io.strait.listener;

import java.util.Objects;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.events.AddCheckConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddDefaultConstraintEvent;
import org.apache.hadoop.hive.metastore.events.ListenerEvent;

/**
 * The {@code DEFAULT} and {@code CHECK} constraint callbacks of {@link StraitMetastoreListener}, apart because their
 * event classes exist only in Hive Metastore 4.x (a 3.1 metastore fires no event for these constraints): the
 * listener class itself must load (and verify) in a 3.1 metastore, which never calls these callbacks and so never
 * loads their event classes (the events reach {@link Capture}, generic on purpose). The other constraint callbacks
 * exist in both lines and are in the listener class.
 */
final class ConstraintCallbacks {
    private final EventTranslator translator;
    private final Capture<ListenerEvent> capture;

    ConstraintCallbacks(EventTranslator translator, Capture<ListenerEvent> capture) {
        this.translator = Objects.requireNonNull(translator, "translator");
        this.capture = Objects.requireNonNull(capture, "capture");
    }

    void defaultAdded(AddDefaultConstraintEvent event) {
        for (ConstrainedTable table : ConstrainedTable.of(event.getDefaultConstraintCols(),
                SQLDefaultConstraint::getCatName, SQLDefaultConstraint::getTable_db,
                SQLDefaultConstraint::getTable_name)) {
            capture.accept(event, table::catalog, () -> translator.constraints(table.database(), table.table()));
        }
    }

    void checkAdded(AddCheckConstraintEvent event) {
        for (ConstrainedTable table : ConstrainedTable.of(event.getCheckConstraintCols(),
                SQLCheckConstraint::getCatName, SQLCheckConstraint::getTable_db, SQLCheckConstraint::getTable_name)) {
            capture.accept(event, table::catalog, () -> translator.constraints(table.database(), table.table()));
        }
    }
}
