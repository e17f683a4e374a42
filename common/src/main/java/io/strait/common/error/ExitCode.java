package io.strait.common.error;

/** Exit codes shared by every {@code strait} command. */
public enum ExitCode {
    /** Everything succeeded (reconcile: the regions are consistent). */
    OK(0),
    /** The command ran to the end but something failed or diverged; each item is listed. */
    FAILED(1),
    /** The command could not run: usage, configuration, or an unreachable service. */
    COULD_NOT_RUN(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
