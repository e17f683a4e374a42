package io.strait.common.error;

import java.util.Objects;

/**
 * The one exception type Strait throws across module boundaries. Messages read
 * {@code Cannot <do X>: <reason> (<values>)} and, where there is one, say what to do next.
 */
public class StraitException extends RuntimeException {
    private final ErrorCategory category;

    public StraitException(ErrorCategory category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    public StraitException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    public ErrorCategory category() {
        return category;
    }

    public static StraitException userError(String message) {
        return new StraitException(ErrorCategory.USER_ERROR, message);
    }

    public static StraitException external(String message, Throwable cause) {
        return new StraitException(ErrorCategory.EXTERNAL, message, cause);
    }

    public static StraitException internal(String message) {
        return new StraitException(ErrorCategory.INTERNAL, message);
    }
}
