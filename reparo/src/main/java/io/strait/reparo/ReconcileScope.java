package io.strait.reparo;

import io.strait.common.config.TableFilter;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.RemoteSource;
import io.strait.common.metastore.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which tables one reconcile covers: the names given on the command line, each {@code DB.TABLE} (one table),
 * {@code DB.GLOB} ({@code *} matches any characters, in either part) or {@code DB} (every table of the database),
 * or, with no name, every table of the link. Only tables the link replicates are covered (its include and exclude
 * patterns, {@link TableFilter}): an excluded table is never reported, not as missing and not as extra. A name
 * that matches tables is resolved against both regions, so a table only in the target is covered (and reported
 * {@code EXTRA_TABLE}).
 */
public final class ReconcileScope {
    private static final Pattern NAME = Pattern.compile("[^.\\s/]+(\\.[^.\\s/]+)?");

    private final List<Selector> selectors;

    /** One name: an exact table, or a pattern over databases and tables (lower case, as metastores keep names). */
    private record Selector(String name, String database, String table, Pattern databaseGlob, Pattern tableGlob) {
        Selector(String name, String database, String table) {
            this(name, database, table, glob(database), glob(table));
        }

        boolean exact() {
            return !database.contains("*") && !table.contains("*");
        }

        boolean matchesDatabase(String db) {
            return databaseGlob.matcher(db.toLowerCase(Locale.ROOT)).matches();
        }

        boolean matchesTable(String tbl) {
            return tableGlob.matcher(tbl.toLowerCase(Locale.ROOT)).matches();
        }
    }

    /**
     * The tables a scope resolved to.
     *
     * @param tables the tables to reconcile, sorted, each once
     * @param outOfScope the names of single tables the link does not replicate (excluded, or not included)
     * @param unmatched the patterns and databases that matched no table of the link in either region
     * @param remoteDatabases the databases of the scope whose tables were not listed because they are remote in
     *     either region (Hive Metastore 4 data connectors serve their tables, which are not replicated), each as
     *     {@code name (kind)}
     */
    public record Resolution(List<TableRef> tables, List<String> outOfScope, List<String> unmatched,
            List<String> remoteDatabases) {
        public Resolution {
            tables = List.copyOf(tables);
            outOfScope = List.copyOf(outOfScope);
            unmatched = List.copyOf(unmatched);
            remoteDatabases = List.copyOf(remoteDatabases);
        }
    }

    private ReconcileScope(List<Selector> selectors) {
        this.selectors = List.copyOf(selectors);
    }

    /**
     * Parses the names; no name means the whole link. Throws {@link IllegalArgumentException} naming a name that is
     * not {@code DB}, {@code DB.TABLE} or a pattern of them.
     */
    public static ReconcileScope of(List<String> names) {
        List<Selector> selectors = new ArrayList<>();
        for (String name : Objects.requireNonNullElse(names, List.<String>of())) {
            String trimmed = name == null ? "" : name.trim();
            if (!NAME.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not DB, DB.TABLE or a pattern such as"
                        + " sales.orders_* (* matches any characters)");
            }
            String lower = trimmed.toLowerCase(Locale.ROOT);
            int dot = lower.indexOf('.');
            selectors.add(dot < 0 ? new Selector(trimmed, lower, "*")
                    : new Selector(trimmed, lower.substring(0, dot), lower.substring(dot + 1)));
        }
        return new ReconcileScope(selectors);
    }

    /** True when no name was given: every table of the link. */
    public boolean wholeLink() {
        return selectors.isEmpty();
    }

    /** True when every name is one table ({@code DB.TABLE} without pattern). */
    public boolean namesSingleTablesOnly() {
        return !selectors.isEmpty() && selectors.stream().allMatch(Selector::exact);
    }

    /** {@code bytes} when only single tables are named; {@code files} for patterns, databases and the whole link. */
    public ReconcileDepth defaultDepth() {
        return namesSingleTablesOnly() ? ReconcileDepth.BYTES : ReconcileDepth.FILES;
    }

    /** Resolves the names against both regions' metastores, within the link's {@code filter}. */
    public Resolution resolve(MetastoreGateway source, MetastoreGateway target, TableFilter filter) {
        List<Selector> effective = wholeLink() ? List.of(new Selector("*.*", "*", "*")) : selectors;
        TreeSet<TableRef> tables = new TreeSet<>();
        List<String> outOfScope = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        TreeSet<String> remote = new TreeSet<>();
        for (Selector selector : effective) {
            if (selector.exact()) {
                if (filter.includesTable(selector.database(), selector.table())) {
                    tables.add(TableRef.of(selector.database(), selector.table()));
                } else {
                    outOfScope.add(selector.name());
                }
                continue;
            }
            List<TableRef> matched = matching(selector, source, target, filter, remote);
            if (matched.isEmpty() && !wholeLink()) {
                unmatched.add(selector.name());
            }
            tables.addAll(matched);
        }
        return new Resolution(List.copyOf(tables), outOfScope, unmatched, List.copyOf(remote));
    }

    private static List<TableRef> matching(Selector selector, MetastoreGateway source, MetastoreGateway target,
            TableFilter filter, Set<String> remote) {
        TreeSet<String> databases = new TreeSet<>();
        if (selector.database().contains("*")) {
            for (MetastoreGateway metastore : List.of(source, target)) {
                metastore.listDatabases().stream().filter(selector::matchesDatabase)
                        .map(db -> db.toLowerCase(Locale.ROOT)).forEach(databases::add);
            }
        } else {
            databases.add(selector.database());
        }
        List<TableRef> tables = new ArrayList<>();
        for (String database : databases) {
            if (!filter.mayIncludeDatabase(database)) {
                continue;
            }
            Optional<String> remoteKind = remoteKind(database, source, target);
            if (remoteKind.isPresent()) {
                remote.add(database + " (" + remoteKind.get() + ")");
                continue;
            }
            TreeSet<String> names = new TreeSet<>();
            for (MetastoreGateway metastore : List.of(source, target)) {
                metastore.listTables(database).stream().map(table -> table.toLowerCase(Locale.ROOT))
                        .filter(selector::matchesTable).forEach(names::add);
            }
            names.stream().filter(table -> filter.includesTable(database, table))
                    .forEach(table -> tables.add(TableRef.of(database, table)));
        }
        return tables;
    }

    /** The kind of {@code database} where either region holds it as a remote database; its tables are not listed. */
    private static Optional<String> remoteKind(String database, MetastoreGateway source, MetastoreGateway target) {
        for (MetastoreGateway metastore : List.of(source, target)) {
            Optional<RemoteSource> remote = metastore.getDatabase(database).map(DatabaseSnapshot::remote)
                    .filter(RemoteSource::isRemote);
            if (remote.isPresent()) {
                return Optional.of(remote.get() + " in region " + metastore.region());
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return wholeLink() ? "the whole link" : String.join(" ", selectors.stream().map(Selector::name).toList());
    }
}
