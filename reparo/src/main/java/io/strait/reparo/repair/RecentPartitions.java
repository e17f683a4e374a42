package io.strait.reparo.repair;

import io.strait.common.metastore.PartitionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Which partitions are recent, for the scheduled reconcile's frequent scans, a pure function: a partition is recent
 * when its {@code transient_lastDdlTime} (seconds, set by the metastore on every write) or the time one of its values
 * names ({@code 2024-05-01}, {@code 20240501}, {@code 2024-05-01-13}, {@code 2024-05-01 13:00:00}, as UTC; a date
 * covers its whole day) lies within {@code window} of now.
 */
public final class RecentPartitions {
    static final String LAST_DDL_TIME = "transient_lastDdlTime";
    private static final List<DateTimeFormatter> DAYS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.BASIC_ISO_DATE);
    private static final List<DateTimeFormatter> HOURS = List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd-HH"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), DateTimeFormatter.ofPattern("yyyyMMddHH"));

    private RecentPartitions() {
    }

    public static boolean isRecent(PartitionSnapshot partition, Instant now, Duration window) {
        Instant since = now.minus(window);
        return lastDdlTime(partition).filter(time -> !time.isBefore(since)).isPresent()
                || partition.ref().values().stream().anyMatch(value -> endOfNamedTime(value)
                        .filter(end -> end.isAfter(since)).isPresent());
    }

    private static Optional<Instant> lastDdlTime(PartitionSnapshot partition) {
        String seconds = partition.parameters().get(LAST_DDL_TIME);
        if (seconds == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(seconds.trim())));
        } catch (NumberFormatException notATime) {
            return Optional.empty();
        }
    }

    /** The end of the period a value names: its day for a date, its hour for a date and hour. */
    static Optional<Instant> endOfNamedTime(String value) {
        for (DateTimeFormatter format : HOURS) {
            try {
                return Optional.of(LocalDateTime.parse(value, format).plusHours(1).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notThisFormat) {
                // try the next
            }
        }
        for (DateTimeFormatter format : DAYS) {
            try {
                return Optional.of(LocalDate.parse(value, format).plusDays(1).atStartOfDay()
                        .toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notThisFormat) {
                // try the next
            }
        }
        return Optional.empty();
    }
}
