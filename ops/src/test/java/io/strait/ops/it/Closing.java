package io.strait.ops.it;

/** Tear-down of a test's resources. */
final class Closing {
    private Closing() {
    }

    /**
     * Closes each resource in order, whether or not the ones before failed to close; a {@code null} one (a set-up
     * that failed half way) is skipped.
     */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception ignored) {
                // best effort: the next one must still close
            }
        }
    }
}
