package io.strait.sql.alert;

import io.strait.common.alert.LateObject;
import io.strait.common.alert.SlaObject;
import io.strait.common.alert.WhyLate;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A first "why" of an SLA alert from the job states alone: how many of the object's jobs since its last success wait
 * in which state, the oldest with its attempts and last error, and whether the link is paused. E.g. {@code 2 job(s)
 * waiting (1 FAILED, 1 PENDING); oldest: job 42 FAILED after 3 attempt(s): metastore of region-b unreachable}.
 */
public final class JobStateWhy implements WhyLate {
    private static final int MAX_ERROR = 300;

    private final Transactions transactions;

    public JobStateWhy(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public String why(LateObject late) {
        SlaObject object = late.object();
        if (late.unappliedJobs() == 0) {
            return "every change of " + object.qualifiedTable() + (object.partition().isEmpty() ? "" : " partition "
                    + object.partition()) + " is applied";
        }
        return transactions.withConnection("explain the lateness of " + object, connection -> {
            Map<String, Long> byState = new LinkedHashMap<>();
            String oldest = "";
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, state, attempts, last_error"
                    + " FROM replication_job WHERE link = ? AND db_name = ? AND table_name = ? AND partition_label = ?"
                    + " AND origin = 'EVENT' AND state NOT IN ('SUCCEEDED', 'SUPERSEDED', 'CANCELLED', 'BLOCKED')"
                    + " AND id >= (SELECT COALESCE(MAX(done.id), 0) FROM replication_job done WHERE done.link = ?"
                    + " AND done.db_name = ? AND done.table_name = ? AND done.partition_label = ?"
                    + " AND done.state = 'SUCCEEDED')"
                    + " ORDER BY source_captured_at_ms, id LIMIT 1000")) {
                statement.setString(1, object.link());
                statement.setString(2, object.database());
                statement.setString(3, object.table());
                statement.setString(4, object.partition());
                statement.setString(5, object.link());
                statement.setString(6, object.database());
                statement.setString(7, object.table());
                statement.setString(8, object.partition());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String state = rows.getString(2);
                        byState.merge(state, 1L, Long::sum);
                        if (oldest.isEmpty()) {
                            String error = Objects.requireNonNullElse(rows.getString(4), "").strip();
                            oldest = "oldest: job " + rows.getLong(1) + " " + state + " after " + rows.getInt(3)
                                    + " attempt(s)" + (error.isEmpty() ? "" : ": " + shorten(error));
                        }
                    }
                }
            }
            String paused = "";
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT changed_by, reason FROM link_control WHERE link = ? AND paused = 1")) {
                statement.setString(1, object.link());
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        paused = "; link " + object.link() + " is paused by " + rows.getString(1)
                                + (rows.getString(2).isEmpty() ? "" : " (" + shorten(rows.getString(2)) + ")");
                    }
                }
            }
            if (byState.isEmpty()) {
                return "its changes wait in superseded jobs whose newer job has not succeeded" + paused;
            }
            long count = byState.values().stream().mapToLong(Long::longValue).sum();
            return count + " job(s) waiting (" + byState.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", ")) + "); "
                    + oldest + paused;
        });
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= MAX_ERROR ? line : line.substring(0, MAX_ERROR) + "…";
    }
}
