package io.strait.sql.job;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Job ids in {@code IN (...)} lists: cut into pieces one list takes, their placeholders, bound. */
final class IdLists {
    /** Ids bound in one {@code IN (...)} list. */
    private static final int IN_LIST_SIZE = 500;

    private IdLists() {
    }

    /** Id lists in pieces small enough for one {@code IN (...)}. */
    static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_SIZE) {
            chunks.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + IN_LIST_SIZE))));
        }
        return chunks;
    }

    static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    static void bind(PreparedStatement statement, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setLong(i + 1, ids.get(i));
        }
    }
}
