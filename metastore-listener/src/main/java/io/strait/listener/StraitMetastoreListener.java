package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventType;
import java.time.Clock;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.MetaStoreEventListener;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SQLForeignKey;
import org.apache.hadoop.hive.metastore.api.SQLNotNullConstraint;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SQLUniqueConstraint;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.events.AddCheckConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddDefaultConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddForeignKeyEvent;
import org.apache.hadoop.hive.metastore.events.AddNotNullConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddPrimaryKeyEvent;
import org.apache.hadoop.hive.metastore.events.AddUniqueConstraintEvent;
import org.apache.hadoop.hive.metastore.events.DropConstraintEvent;
import org.apache.hadoop.hive.metastore.events.DeletePartitionColumnStatEvent;
import org.apache.hadoop.hive.metastore.events.DeleteTableColumnStatEvent;
import org.apache.hadoop.hive.metastore.events.UpdatePartitionColumnStatEvent;
import org.apache.hadoop.hive.metastore.events.UpdatePartitionColumnStatEventBatch;
import org.apache.hadoop.hive.metastore.events.UpdateTableColumnStatEvent;
import org.apache.hadoop.hive.metastore.tools.SQLGenerator;
import org.apache.hadoop.hive.metastore.events.AddPartitionEvent;
import org.apache.hadoop.hive.metastore.events.AlterDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.AlterPartitionEvent;
import org.apache.hadoop.hive.metastore.events.AlterTableEvent;
import org.apache.hadoop.hive.metastore.events.CreateDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.CreateTableEvent;
import org.apache.hadoop.hive.metastore.events.DropDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.DropPartitionEvent;
import org.apache.hadoop.hive.metastore.events.DropTableEvent;
import org.apache.hadoop.hive.metastore.events.InsertEvent;
import org.apache.hadoop.hive.metastore.events.ListenerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strait's Hive Metastore listener ({@code metastore.event.listeners=io.strait.listener.StraitMetastoreListener}).
 * A thin shell: each callback turns the event's Thrift objects into a {@link CapturedEvent} and hands it to the
 * {@link EventRecorder}, which writes it to the state store or spools it. Events of failed metastore operations
 * ({@code getStatus() == false}) are skipped, and so are events of another catalog than {@code hive}
 * ({@link CatalogFilter}). A callback never throws: a listener must not fail metastore calls.
 * Settings: {@link ListenerSetting}.
 *
 * <p>One class for Hive Metastore 3.1 and 4.x: the callbacks both lines have use only API present in both; the
 * column statistics callbacks and the {@code DEFAULT} and {@code CHECK} constraint callbacks (4.x only) take event
 * classes 3.1 does not have, so their bodies live in {@link ColumnStatisticsCallbacks} and
 * {@link ConstraintCallbacks}, which pass those events on only as {@code Object}s (a 3.1 metastore never calls them,
 * and verifies the classes without loading the 4.x event classes).
 */
public class StraitMetastoreListener extends MetaStoreEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(StraitMetastoreListener.class);

    private final EventTranslator translator;
    private final EventRecorder recorder;
    private final ColumnStatisticsCallbacks columnStatistics;
    private final ConstraintCallbacks constraints;
    private final CatalogFilter catalogs = new CatalogFilter();

    public StraitMetastoreListener(Configuration configuration) {
        this(configuration, ListenerConfig.read(configuration::get, key -> password(configuration, key)),
                Clock.systemUTC());
    }

    /**
     * A password setting through Hadoop's credential API: the providers of
     * {@code hadoop.security.credential.provider.path} (a JCEKS file, ...) first, then the configuration value.
     */
    static String password(Configuration configuration, String key) throws java.io.IOException {
        char[] password = configuration.getPassword(key);
        return password == null ? null : new String(password);
    }

    private StraitMetastoreListener(Configuration configuration, ListenerConfig config, Clock clock) {
        this(configuration, new EventTranslator(config.region(), clock), EventRecorders.forConfig(config, clock));
    }

    StraitMetastoreListener(Configuration configuration, EventTranslator translator, EventRecorder recorder) {
        super(configuration);
        this.translator = translator;
        this.recorder = recorder;
        this.columnStatistics = new ColumnStatisticsCallbacks(translator, this::capture);
        this.constraints = new ConstraintCallbacks(this::captureConstraints);
    }

    @Override
    public void onCreateDatabase(CreateDatabaseEvent event) {
        capture(event, () -> event.getDatabase().getCatalogName(),
                () -> translator.database(EventType.CREATE_DATABASE, event.getDatabase()));
    }

    @Override
    public void onAlterDatabase(AlterDatabaseEvent event) {
        capture(event, () -> event.getNewDatabase().getCatalogName(),
                () -> translator.database(EventType.ALTER_DATABASE, event.getNewDatabase()));
    }

    @Override
    public void onDropDatabase(DropDatabaseEvent event) {
        capture(event, () -> event.getDatabase().getCatalogName(),
                () -> translator.database(EventType.DROP_DATABASE, event.getDatabase()));
    }

    @Override
    public void onCreateTable(CreateTableEvent event) {
        capture(event, () -> event.getTable().getCatName(),
                () -> translator.table(EventType.CREATE_TABLE, event.getTable()));
    }

    @Override
    public void onAlterTable(AlterTableEvent event) {
        capture(event, () -> event.getNewTable().getCatName(),
                () -> translator.alterTable(event.getOldTable(), event.getNewTable(), partitionsOfRenamed(event)));
    }

    /**
     * The partitions of a renamed partitioned table (the metastore has just moved each of them under the new name,
     * so listing them once more is in proportion to the call); none for any other change or when they cannot be
     * read (then the replica's partitions wait for a reconcile, and an ERROR says so).
     */
    private static List<Partition> partitionsOfRenamed(AlterTableEvent event) {
        Table before = event.getOldTable();
        Table after = event.getNewTable();
        boolean renamed = !before.getDbName().equalsIgnoreCase(after.getDbName())
                || !before.getTableName().equalsIgnoreCase(after.getTableName());
        if (!renamed || after.getPartitionKeysSize() == 0 || event.getIHMSHandler() == null) {
            return List.of();
        }
        try {
            return event.getIHMSHandler().get_partitions(after.getDbName(), after.getTableName(), (short) -1);
        } catch (Exception e) {
            LOG.error("Strait listener cannot list the partitions of {}.{} renamed from {}.{}: {}; reconcile it with"
                    + " --repair", after.getDbName(), after.getTableName(), before.getDbName(),
                    before.getTableName(), e.getMessage());
            return List.of();
        }
    }

    @Override
    public void onDropTable(DropTableEvent event) {
        capture(event, () -> event.getTable().getCatName(),
                () -> translator.table(EventType.DROP_TABLE, event.getTable()));
    }

    @Override
    public void onAddPartition(AddPartitionEvent event) {
        capture(event, () -> event.getTable().getCatName(), () -> translator.partitions(EventType.ADD_PARTITION,
                event.getTable(), listOf(event.getPartitionIterator())));
    }

    @Override
    public void onAlterPartition(AlterPartitionEvent event) {
        capture(event, () -> event.getTable().getCatName(),
                () -> translator.alterPartition(event.getTable(), event.getOldPartition(), event.getNewPartition()));
    }

    @Override
    public void onDropPartition(DropPartitionEvent event) {
        capture(event, () -> event.getTable().getCatName(), () -> translator.partitions(EventType.DROP_PARTITION,
                event.getTable(), listOf(event.getPartitionIterator())));
    }

    @Override
    public void onInsert(InsertEvent event) {
        capture(event, () -> event.getTableObj().getCatName(),
                () -> translator.insert(event.getTableObj(), event.getPartitionObj(), event.getFiles()));
    }

    @Override
    public void onUpdateTableColumnStat(UpdateTableColumnStatEvent event) {
        columnStatistics.tableUpdated(event);
    }

    @Override
    public void onUpdatePartitionColumnStat(UpdatePartitionColumnStatEvent event) {
        columnStatistics.partitionUpdated(event);
    }

    @Override
    public void onUpdatePartitionColumnStatInBatch(UpdatePartitionColumnStatEventBatch batch, Connection connection,
            SQLGenerator sqlGenerator) {
        columnStatistics.partitionsUpdated(batch);
    }

    @Override
    public void onDeleteTableColumnStat(DeleteTableColumnStatEvent event) {
        columnStatistics.tableDeleted(event);
    }

    @Override
    public void onDeletePartitionColumnStat(DeletePartitionColumnStatEvent event) {
        columnStatistics.partitionDeleted(event);
    }

    @Override
    public void onAddPrimaryKey(AddPrimaryKeyEvent event) {
        captureConstraints(event, event.getPrimaryKeyCols(), SQLPrimaryKey::getCatName, SQLPrimaryKey::getTable_db,
                SQLPrimaryKey::getTable_name);
    }

    /** A foreign key is a constraint of its child table (the one holding the referencing columns). */
    @Override
    public void onAddForeignKey(AddForeignKeyEvent event) {
        captureConstraints(event, event.getForeignKeyCols(), SQLForeignKey::getCatName, SQLForeignKey::getFktable_db,
                SQLForeignKey::getFktable_name);
    }

    @Override
    public void onAddUniqueConstraint(AddUniqueConstraintEvent event) {
        captureConstraints(event, event.getUniqueConstraintCols(), SQLUniqueConstraint::getCatName,
                SQLUniqueConstraint::getTable_db, SQLUniqueConstraint::getTable_name);
    }

    @Override
    public void onAddNotNullConstraint(AddNotNullConstraintEvent event) {
        captureConstraints(event, event.getNotNullConstraintCols(), SQLNotNullConstraint::getCatName,
                SQLNotNullConstraint::getTable_db, SQLNotNullConstraint::getTable_name);
    }

    @Override
    public void onAddDefaultConstraint(AddDefaultConstraintEvent event) {
        constraints.defaultAdded(event);
    }

    @Override
    public void onAddCheckConstraint(AddCheckConstraintEvent event) {
        constraints.checkAdded(event);
    }

    @Override
    public void onDropConstraint(DropConstraintEvent event) {
        capture(event, event::getCatName, () -> translator.constraints(event.getDbName(), event.getTableName()));
    }

    /**
     * One CONSTRAINTS event per table the constraint rows of {@code event} name (a call usually names one); the
     * constraint callbacks of both lines come here.
     */
    private <R> void captureConstraints(ListenerEvent event, List<R> rows, Function<R, String> catalog,
            Function<R, String> database, Function<R, String> table) {
        for (ConstrainedTable changed : ConstrainedTable.of(rows, catalog, database, table)) {
            capture(event, changed::catalog, () -> translator.constraints(changed.database(), changed.table()));
        }
    }

    /** The event parameter carrying the notification log's id (Hive's {@code MetaStoreEventListenerConstants}). */
    static final String NOTIFICATION_ID_PARAMETER = "DB_NOTIFICATION_EVENT_ID_KEY_NAME";

    /** Records the event {@code translation} builds, unless its metastore call failed or it is of another catalog. */
    void capture(ListenerEvent event, Supplier<String> catalog, Supplier<CapturedEvent> translation) {
        if (!event.getStatus()) {
            return;
        }
        long started = System.nanoTime();
        try {
            if (catalogs.admits(catalog.get(), event)) {
                recorder.record(translation.get().withNotificationId(notificationId(event)));
            }
        } catch (RuntimeException | LinkageError e) {
            // a LinkageError: a Thrift class of this metastore's line lacks what the translation reads; the call
            // still succeeds
            LOG.error("Strait listener cannot capture a {}: {}; reconcile the object concerned",
                    event.getClass().getSimpleName(), e.getMessage(), e);
        } finally {
            recorder.callTook(System.nanoTime() - started);
        }
    }

    /**
     * The id the metastore's notification log gave this change, when Hive's {@code DbNotificationListener} runs as
     * a transactional listener: the metastore hands its responses to the other listeners as event parameters. 0
     * when there is none.
     */
    static long notificationId(ListenerEvent event) {
        Map<String, String> parameters = event.getParameters();
        String value = parameters == null ? null : parameters.get(NOTIFICATION_ID_PARAMETER);
        if (value == null) {
            return 0L;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static List<Partition> listOf(Iterator<Partition> partitions) {
        List<Partition> list = new ArrayList<>();
        partitions.forEachRemaining(list::add);
        return list;
    }
}
