package io.strait.reparo.repair;

/** What a repair does with tables and partitions that the target has and the source has not. */
public enum ExtraObjects {
    /** Leave them (listed in the plan as needing {@code --allow-delete}). The default. */
    KEEP,
    /** Drop them from the target metastore and move their data folders to the quarantine ({@code --allow-delete}). */
    DROP_TO_QUARANTINE
}
