package io.strait.ops.cli;

import picocli.CommandLine.Option;

/** Who acts and why, recorded with every operator action ({@code --by}, {@code --reason}). */
final class OperatorOptions {
    @Option(names = "--by", paramLabel = "NAME",
            description = "Who acts, recorded in the history (default: the OS user)")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded in the history")
    String reason;

    String who() {
        if (by != null && !by.isBlank()) {
            return by.trim();
        }
        String user = System.getProperty("user.name", "");
        return user.isBlank() ? "unknown" : user;
    }

    String why() {
        return reason == null || reason.isBlank() ? "no reason given" : reason.trim();
    }

    /** The history reason of an action: {@code operator alice: cancel: table rebuilt by hand}. */
    String record(String action) {
        return "operator " + who() + ": " + action + ": " + why();
    }
}
