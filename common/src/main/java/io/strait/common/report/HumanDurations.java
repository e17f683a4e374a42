package io.strait.common.report;

/** Durations as people read them: {@code 45s}, {@code 12m 5s}, {@code 3h 20m}, {@code 2d 4h}. */
public final class HumanDurations {
    private HumanDurations() {
    }

    public static String human(long millis) {
        if (millis < 0) {
            return "-" + human(-millis);
        }
        long seconds = millis / 1_000;
        if (seconds < 60) {
            return millis < 1_000 ? millis + "ms" : seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
        }
        return hours / 24 + "d" + (hours % 24 == 0 ? "" : " " + hours % 24 + "h");
    }
}
