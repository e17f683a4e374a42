package io.strait.common.config;

/** One thing wrong with a configuration file: where, what, and how to fix it. */
public record ConfigProblem(String file, String field, String message, String fix) {
    @Override
    public String toString() {
        return file + ": " + field + ": " + message + (fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
}
