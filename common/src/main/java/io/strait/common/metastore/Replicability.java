package io.strait.common.metastore;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether Strait can replicate a source table faithfully, a pure function. It cannot, and the table's jobs end
 * {@code BLOCKED} instead of producing a half-faithful copy, when the table is:
 * <ul>
 *   <li>a materialized view (table type {@code MATERIALIZED_VIEW}): its contents are derived by the source's query
 *       engine and its rewrite metadata lives in the source metastore only;</li>
 *   <li>an ACID table (parameter {@code transactional=true}, full or insert-only
 *       {@code transactional_properties=insert_only}): its files are base and delta folders whose visibility is
 *       decided by the source metastore's transaction state, so no file listing is one consistent version;</li>
 *   <li>a non-native table (parameter {@code storage_handler} set, e.g. HBase, Kafka, JDBC, Iceberg): its data lives
 *       outside its location, in a system a file copy does not reach.</li>
 * </ul>
 * Plain tables and plain views ({@code VIRTUAL_VIEW}) are replicable. Parameter keys and {@code true} are matched
 * ignoring case, as the metastore's own ACID checks do.
 */
public final class Replicability {
    /** The table parameter that makes a table ACID. */
    public static final String TRANSACTIONAL = "transactional";
    /** With value {@value #INSERT_ONLY}: an insert-only ACID table. */
    public static final String TRANSACTIONAL_PROPERTIES = "transactional_properties";
    public static final String INSERT_ONLY = "insert_only";
    /** The table parameter naming the storage handler class of a non-native table. */
    public static final String STORAGE_HANDLER = "storage_handler";

    private Replicability() {
    }

    /**
     * Why link {@code link} cannot replicate {@code table} faithfully, naming the table, what it is and how to
     * exclude it from the link; empty when it can.
     */
    public static Optional<String> whyNotReplicable(TableSnapshot table, String link) {
        return whyNotReplicable(table.ref(), table.tableType(), table.parameters(), link);
    }

    /** {@link #whyNotReplicable(TableSnapshot, String)} from the table's type and parameters. */
    public static Optional<String> whyNotReplicable(TableRef ref, String tableType, Map<String, String> parameters,
            String link) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(link, "link");
        return whatItIs(tableType == null ? "" : tableType, parameters == null ? Map.of() : parameters)
                .map(what -> "Cannot replicate " + ref + ": it is " + what + ". Exclude it from link " + link
                        + ": add \"" + ref + "\" to the link's exclude list (links[].exclude).");
    }

    /** What makes a table of this type and parameters unreplicable, and why; empty when nothing does. */
    private static Optional<String> whatItIs(String tableType, Map<String, String> parameters) {
        if (TableSnapshot.MATERIALIZED_VIEW.equalsIgnoreCase(tableType.trim())) {
            return Optional.of("a materialized view, whose contents and rewrite metadata only the source's query"
                    + " engine can maintain");
        }
        if ("true".equalsIgnoreCase(parameter(parameters, TRANSACTIONAL).trim())) {
            String kind = INSERT_ONLY.equalsIgnoreCase(parameter(parameters, TRANSACTIONAL_PROPERTIES).trim())
                    ? "an insert-only ACID (transactional) table" : "an ACID (transactional) table";
            return Optional.of(kind + ", whose data Strait cannot copy as one consistent version");
        }
        String handler = parameter(parameters, STORAGE_HANDLER).trim();
        if (!handler.isEmpty()) {
            return Optional.of("a non-native table (storage handler " + handler + "), whose data lives outside"
                    + " its location where Strait's file copy cannot reach it");
        }
        return Optional.empty();
    }

    /** The value of {@code key}, matched ignoring case; empty when absent. */
    private static String parameter(Map<String, String> parameters, String key) {
        String exact = parameters.get(key);
        if (exact != null) {
            return exact;
        }
        return parameters.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).filter(Objects::nonNull).findFirst().orElse("");
    }
}
