package io.strait.ops.it;

import io.strait.ops.cli.StraitCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code strait} CLI in this JVM and captures what it prints on standard output. */
final class StraitCliRun {
    private StraitCliRun() {
    }

    record Result(int exitCode, String output) {
    }

    static synchronized Result run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = StraitCli.run(args);
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }
}
