package io.strait.common.metastore;

import java.util.ArrayList;
import java.util.List;

/**
 * Hive's partition names ({@code ds=2024-01-01/hour=03}), escaped as Hive escapes them
 * ({@code FileUtils.escapePathName}): characters that are unsafe in a path become {@code %XX}.
 */
public final class PartitionNames {
    private PartitionNames() {
    }

    public static String name(List<ColumnSpec> partitionKeys, List<String> values) {
        if (partitionKeys.size() != values.size()) {
            throw new IllegalArgumentException("partition keys " + partitionKeys + " do not match values " + values);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add(escape(partitionKeys.get(i).name()) + "=" + escape(values.get(i)));
        }
        return String.join("/", parts);
    }

    static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return "__HIVE_DEFAULT_PARTITION__";
        }
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (needsEscape(c)) {
                escaped.append('%').append(String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static boolean needsEscape(char c) {
        return c < ' ' || c == '"' || c == '#' || c == '%' || c == '\'' || c == '*' || c == '/' || c == ':'
                || c == '=' || c == '?' || c == '\\' || c == '\u007F' || c == '{' || c == '[' || c == ']' || c == '^';
    }
}
