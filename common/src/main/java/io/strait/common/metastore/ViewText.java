package io.strait.common.metastore;

import java.util.Objects;

/** A view's SQL as the metastore keeps it: the text as written and Hive's expanded (fully qualified) text. */
public record ViewText(String originalText, String expandedText) {
    public static final ViewText NONE = new ViewText("", "");

    public ViewText {
        originalText = Objects.requireNonNullElse(originalText, "");
        expandedText = Objects.requireNonNullElse(expandedText, "");
    }

    public boolean isNone() {
        return originalText.isEmpty() && expandedText.isEmpty();
    }
}
