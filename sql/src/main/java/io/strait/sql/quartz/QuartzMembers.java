package io.strait.sql.quartz;

import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Who runs replication now: the members of a Quartz cluster that checked in recently ({@code QRTZ_SCHEDULER_STATE}).
 * A clustered Quartz scheduler checks in every few seconds; a process that stopped leaves its row behind with an old
 * check-in time.
 */
public final class QuartzMembers {
    /** Newer check-ins than this count as a live member: a few of Quartz's check-in intervals (5 s for Strait). */
    public static final Duration LIVE_WITHIN = Duration.ofSeconds(20);
    private static final String LIVE = "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?"
            + " AND LAST_CHECKIN_TIME >= ?";

    private final Transactions transactions;
    private final Clock clock;

    public QuartzMembers(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How many members of cluster {@code schedulerName} checked in within {@link #LIVE_WITHIN}. */
    public int live(String schedulerName) {
        return transactions.withConnection("read the live members of Quartz cluster " + schedulerName,
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(LIVE)) {
                        statement.setString(1, schedulerName);
                        statement.setLong(2, clock.millis() - LIVE_WITHIN.toMillis());
                        try (ResultSet rows = statement.executeQuery()) {
                            rows.next();
                            return rows.getInt(1);
                        }
                    }
                });
    }
}
