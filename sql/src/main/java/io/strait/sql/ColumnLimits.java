package io.strait.sql;

/**
 * Lengths of the free-text columns of the state store. Free text (reasons, errors, details) is cut to fit rather
 * than failing the write that carries it; names and locations are never cut.
 */
public final class ColumnLimits {
    /** {@code job_transition.reason}. */
    public static final int REASON = 2048;
    /** TEXT columns: 65,535 bytes hold this many characters of 4-byte UTF-8. */
    public static final int TEXT = 16_000;

    private ColumnLimits() {
    }

    /** {@code text} cut to {@code maxCharacters}, marked with a trailing ellipsis when cut; null stays null. */
    public static String fit(String text, int maxCharacters) {
        if (text == null || text.length() <= maxCharacters) {
            return text;
        }
        return text.substring(0, maxCharacters - 1) + "\u2026";
    }
}
