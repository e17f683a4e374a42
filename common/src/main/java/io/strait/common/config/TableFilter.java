package io.strait.common.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which tables a link replicates: {@code db.table} patterns where {@code *} matches any run of characters
 * (e.g. {@code sales.*}, {@code *.events_*}). A table is selected when an include pattern matches and no exclude
 * pattern does. A pure function.
 */
public final class TableFilter {
    private record Glob(Pattern database, Pattern table) {
        boolean matches(String db, String tbl) {
            return database.matcher(db).matches() && table.matcher(tbl).matches();
        }
    }

    private final List<Glob> include;
    private final List<Glob> exclude;

    public TableFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(TableFilter::compile).toList();
        this.exclude = exclude.stream().map(TableFilter::compile).toList();
    }

    public static TableFilter all() {
        return new TableFilter(List.of("*.*"), List.of());
    }

    public boolean includesTable(String database, String table) {
        String db = database.toLowerCase(Locale.ROOT);
        String tbl = table.toLowerCase(Locale.ROOT);
        return include.stream().anyMatch(glob -> glob.matches(db, tbl))
                && exclude.stream().noneMatch(glob -> glob.matches(db, tbl));
    }

    /** True when some table of {@code database} could be selected (database-level events are replicated then). */
    public boolean mayIncludeDatabase(String database) {
        String db = database.toLowerCase(Locale.ROOT);
        return include.stream().anyMatch(glob -> glob.database().matcher(db).matches())
                && exclude.stream().noneMatch(glob -> glob.database().matcher(db).matches()
                        && glob.table().matcher("").matches());
    }

    /** Checks a pattern's syntax; returns an error message, or an empty string when the pattern is valid. */
    public static String validate(String pattern) {
        if (pattern == null || !pattern.matches("[A-Za-z0-9_*]+\\.[A-Za-z0-9_*]+")) {
            return "'" + pattern + "' is not a <database>.<table> pattern (letters, digits, _ and * only)";
        }
        return "";
    }

    private static Glob compile(String pattern) {
        String error = validate(pattern);
        if (!error.isEmpty()) {
            throw new IllegalArgumentException(error);
        }
        String[] parts = pattern.toLowerCase(Locale.ROOT).split("\\.");
        return new Glob(globToRegex(parts[0]), globToRegex(parts[1]));
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
