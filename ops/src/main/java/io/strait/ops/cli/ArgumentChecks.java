package io.strait.ops.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Range checks of numeric arguments, failing as a usage error (exit 2) that names the argument and the fix. */
final class ArgumentChecks {
    private ArgumentChecks() {
    }

    /** Throws a usage error unless {@code min <= value <= max}. */
    static long requireBetween(CommandSpec spec, String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), name + " is " + value + "; give "
                    + (max == Long.MAX_VALUE ? "a number of at least " + min : "a number from " + min + " to " + max));
        }
        return value;
    }

    /** Throws a usage error unless {@code value >= min}. */
    static long requireAtLeast(CommandSpec spec, String name, long value, long min) {
        return requireBetween(spec, name, value, min, Long.MAX_VALUE);
    }

    /** Throws a usage error unless {@code port} is a TCP port or 0 (any free one). */
    static int requirePort(CommandSpec spec, String name, int port) {
        return (int) requireBetween(spec, name, port, 0, 65_535);
    }
}
