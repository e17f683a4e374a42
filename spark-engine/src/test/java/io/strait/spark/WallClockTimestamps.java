package io.strait.spark;

import java.time.LocalDateTime;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;

/**
 * Puts a wall-clock time into an ORC timestamp vector as Hive's writers do (a {@code java.sql.Timestamp} of it): the
 * JVM's default time zone and the hybrid Julian and Gregorian calendar, so times before 1582 are stored as Hive and
 * Spark 2 store them.
 */
final class WallClockTimestamps {
    private WallClockTimestamps() {
    }

    static void set(TimestampColumnVector vector, int row, LocalDateTime time) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getDefault());
        calendar.clear();
        calendar.set(time.getYear(), time.getMonthValue() - 1, time.getDayOfMonth(), time.getHour(),
                time.getMinute(), time.getSecond());
        vector.time[row] = calendar.getTimeInMillis() + time.getNano() / 1_000_000;
        vector.nanos[row] = time.getNano();
        vector.isNull[row] = false;
    }
}
