package io.strait.sql.listener;

import io.strait.common.capture.ListenerCallTimes;
import io.strait.common.capture.ListenerStatus;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Reads listener health from the state store, read-only: every listener instance that is running or was seen within
 * the last day, with its status judged against its region's silence limit, and the events known lost. For
 * {@code strait report} and the dashboard (e.g. "the event waits in a spool of depth n").
 */
public final class JdbcListenerHealth {
    /** Stopped instances are listed for this long after their last contact. */
    public static final Duration STOPPED_SHOWN_FOR = Duration.ofDays(1);
    private static final String INSTANCES = "SELECT instance_id, region, version, host, spool_directory,"
            + " started_at_ms, last_contact_at_ms, latest_seq, spool_depth, spooled_tables, stopped_at_ms,"
            + " replaced_by, call_count, call_p50_us, call_p99_us, call_max_us FROM listener_instance WHERE stopped_at_ms = 0 OR last_contact_at_ms >= ?"
            + " ORDER BY region, host, started_at_ms, instance_id";
    private static final String LOSSES = "SELECT id, instance_id, region, first_seq, last_seq, tables, reason,"
            + " detected_at_ms FROM listener_event_loss ORDER BY id";

    private final Transactions transactions;
    private final Clock clock;

    public JdbcListenerHealth(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every instance running or seen within {@link #STOPPED_SHOWN_FOR}; {@code silence} gives a region's limit. */
    public List<ListenerInstance> instances(Function<String, Duration> silence) {
        long now = clock.millis();
        return transactions.withConnection("read the listener instances", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSTANCES)) {
                statement.setLong(1, now - STOPPED_SHOWN_FOR.toMillis());
                List<ListenerInstance> instances = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        instances.add(instance(rows, now, silence));
                    }
                }
                return instances;
            }
        });
    }

    /** The instances of one region. */
    public List<ListenerInstance> instances(String region, Duration silence) {
        return instances(any -> silence).stream().filter(instance -> instance.region().equals(region)).toList();
    }

    /**
     * The running instances of {@code region} whose spool, at their latest heartbeat, held events of {@code table}
     * ({@code db.table}) or of its database: a change of the table waits there for the state store. The spooled
     * objects are listed up to 200 per instance; an instance with more lists the first ones only.
     */
    public List<ListenerInstance> spoolingFor(String region, String table) {
        String database = table.contains(".") ? table.substring(0, table.indexOf('.')) : table;
        return instances(region, Duration.ofDays(36_500)).stream()
                .filter(instance -> instance.status() == ListenerStatus.LIVE && instance.spoolDepth() > 0)
                .filter(instance -> instance.spooledTables().contains(table)
                        || instance.spooledTables().contains(database))
                .toList();
    }

    /** Every recorded loss, oldest first. */
    public List<EventLoss> losses() {
        return transactions.withConnection("read the listeners' lost events", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LOSSES);
                    ResultSet rows = statement.executeQuery()) {
                List<EventLoss> losses = new ArrayList<>();
                while (rows.next()) {
                    long last = rows.getLong("last_seq");
                    OptionalLong lastSeq = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
                    losses.add(new EventLoss(rows.getLong("id"), rows.getString("instance_id"),
                            rows.getString("region"), rows.getLong("first_seq"), lastSeq,
                            lines(rows.getString("tables")), rows.getString("reason"),
                            rows.getLong("detected_at_ms")));
                }
                return losses;
            }
        });
    }

    private static ListenerInstance instance(ResultSet rows, long now, Function<String, Duration> silence)
            throws SQLException {
        String region = rows.getString("region");
        long lastContact = rows.getLong("last_contact_at_ms");
        ListenerStatus status = ListenerStatus.of(lastContact, rows.getLong("stopped_at_ms"), now,
                silence.apply(region));
        return new ListenerInstance(rows.getString("instance_id"), region, rows.getString("version"),
                rows.getString("host"), rows.getString("spool_directory"), rows.getLong("started_at_ms"),
                lastContact, rows.getLong("latest_seq"), rows.getInt("spool_depth"),
                lines(rows.getString("spooled_tables")), status, rows.getString("replaced_by"),
                new ListenerCallTimes(rows.getLong("call_count"), rows.getLong("call_p50_us"),
                        rows.getLong("call_p99_us"), rows.getLong("call_max_us")));
    }

    static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
