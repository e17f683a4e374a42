package io.strait.listener;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** When a metastore call may return after handing its event to the listener ({@code strait.listener.acknowledge}). */
public enum Acknowledgement {
    /**
     * Once the event is durable: committed in the state store, or (the write budget ran out, or the store is down)
     * appended to the spool and forced to disk.
     */
    DURABLE,
    /**
     * Once the event is appended to the local journal (the spool file), without a force: it survives the metastore
     * process being killed (the page cache belongs to the OS); the journal is forced every journal sync interval, so
     * an OS crash or power loss loses at most that interval's events.
     */
    JOURNALED;

    /** The setting's spelling: {@code durable}, {@code journaled}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode spelled {@code text} (any case), or empty. */
    public static Optional<Acknowledgement> of(String text) {
        return Arrays.stream(values()).filter(mode -> mode.configValue().equalsIgnoreCase(text.trim())).findFirst();
    }

    /** The accepted spellings, for errors: "durable or journaled". */
    public static String accepted() {
        return Arrays.stream(values()).map(Acknowledgement::configValue).collect(Collectors.joining(" or "));
    }
}
