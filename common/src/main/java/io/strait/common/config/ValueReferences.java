package io.strait.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolves the references of one configuration value: {@code ${env:NAME}} (an environment variable) and
 * {@code ${file:/absolute/path}} (a file's content, trailing line breaks removed), as the whole value or inside it.
 * A doubled dollar sign before a brace stands for a literal dollar and brace. Any other dollar-brace expression
 * is refused rather than taken literally, so that {@code password: "${DB_PASSWORD}"} never becomes a password
 * spelt with a dollar sign without notice. Reading the file is the only side effect; the environment is given.
 */
public final class ValueReferences {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String HOW = "write ${env:NAME} for an environment variable or ${file:/absolute/path} for a"
            + " file; $${ stands for a literal ${";

    private final Environment environment;

    public ValueReferences(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * A value with its references resolved.
     *
     * @param value the resolved text (references that failed are left out)
     * @param referenced whether the value contained at least one reference (its text is then treated as secret)
     * @param problems what could not be resolved, each with its fix
     */
    public record Resolved(String value, boolean referenced, List<Problem> problems) {
        public Resolved {
            problems = List.copyOf(problems);
        }
    }

    /** One reference that could not be resolved: what is wrong and how to fix it. */
    public record Problem(String message, String fix) {
    }

    public Resolved resolve(String raw) {
        if (raw == null || !raw.contains("${")) {
            return new Resolved(raw, false, List.of());
        }
        StringBuilder value = new StringBuilder();
        List<Problem> problems = new ArrayList<>();
        boolean referenced = false;
        int at = 0;
        while (at < raw.length()) {
            if (raw.startsWith("$${", at)) {
                value.append("${");
                at += 3;
                continue;
            }
            if (!raw.startsWith("${", at)) {
                value.append(raw.charAt(at++));
                continue;
            }
            int end = raw.indexOf('}', at + 2);
            if (end < 0) {
                problems.add(new Problem("has a '${' without its closing '}'", HOW));
                break;
            }
            String reference = raw.substring(at + 2, end);
            referenced = true;
            value.append(resolveOne(reference, problems));
            at = end + 1;
        }
        return new Resolved(value.toString(), referenced, problems);
    }

    private String resolveOne(String reference, List<Problem> problems) {
        if (reference.startsWith("env:")) {
            String name = reference.substring("env:".length());
            if (!VARIABLE_NAME.matcher(name).matches()) {
                problems.add(new Problem("'${env:" + name + "}' does not name an environment variable",
                        "use letters, digits and underscores, e.g. ${env:STRAIT_STORE_PASSWORD}"));
                return "";
            }
            return environment.variable(name).orElseGet(() -> {
                problems.add(new Problem("environment variable " + name + " (from ${env:" + name + "}) is not set",
                        "set " + name + " in the environment of the strait process (e.g. its systemd unit's"
                                + " Environment= or EnvironmentFile=), or change the reference"));
                return "";
            });
        }
        if (reference.startsWith("file:")) {
            return readFile(reference.substring("file:".length()), problems);
        }
        problems.add(new Problem("'${" + reference + "}' is not a reference Strait resolves (it would otherwise be"
                + " taken literally)", reference.matches("[A-Za-z_][A-Za-z0-9_]*")
                        ? "write ${env:" + reference + "} to read environment variable " + reference + ", or "
                        + "${file:/absolute/path}; $${ stands for a literal ${"
                        : HOW));
        return "";
    }

    private static String readFile(String name, List<Problem> problems) {
        Path path;
        try {
            path = Path.of(name);
        } catch (RuntimeException e) {
            problems.add(new Problem("'${file:" + name + "}' is not a file path", "write ${file:/absolute/path}"));
            return "";
        }
        if (!path.isAbsolute()) {
            problems.add(new Problem("'${file:" + name + "}' is not an absolute path",
                    "write the file's absolute path, e.g. ${file:/etc/strait/store-password}"));
            return "";
        }
        try {
            return stripTrailingLineBreaks(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem("cannot read file " + path + " (from ${file:" + name + "}): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    "create " + path + " readable by the user running strait, or correct the path"));
            return "";
        }
    }

    private static String stripTrailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
