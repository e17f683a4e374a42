package io.strait.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads typed values out of a YAML tree, collecting every problem instead of stopping at the first. */
final class ConfigReader {
    private final String file;
    private final ValueReferences references;
    private final SecretRedactor redactor = new SecretRedactor();
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReader(String file, Environment environment) {
        this.file = file;
        this.references = new ValueReferences(environment);
    }

    /** Every problem found so far, secrets masked in its message and fix. */
    List<ConfigProblem> problems() {
        return problems.stream().map(problem -> new ConfigProblem(problem.file(), problem.field(),
                redactor.redact(problem.message()), redactor.redact(problem.fix()))).toList();
    }

    /** Registers a secret value (a password, a token, a header) so that no problem ever shows it. */
    String secret(String value) {
        redactor.add(value);
        return value;
    }

    /**
     * The text of a scalar with its {@code ${env:}} and {@code ${file:}} references resolved; a reference that
     * cannot be resolved is a problem of {@code field}. A referenced value is treated as a secret.
     */
    private String text(JsonNode node, String field) {
        ValueReferences.Resolved resolved = references.resolve(node.asText());
        resolved.problems().forEach(problem -> problem(field, problem.message(), problem.fix()));
        if (resolved.referenced()) {
            redactor.add(resolved.value());
        }
        return resolved.value();
    }

    void problem(String field, String message, String fix) {
        problems.add(new ConfigProblem(file, field, message, fix));
    }

    void rejectUnknownKeys(JsonNode object, String prefix, Set<String> known) {
        if (object == null || !object.isObject()) {
            return;
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(join(prefix, name), "unknown key", "remove it or use one of " + known);
            }
        }
    }

    JsonNode section(JsonNode parent, String prefix, String name, boolean required) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                problem(join(prefix, name), "is missing", "add the " + join(prefix, name) + " section");
            }
            return null;
        }
        if (!node.isObject() && !node.isArray()) {
            problem(join(prefix, name), "must be a mapping or a list, not '" + node.asText() + "'", "");
            return null;
        }
        return node;
    }

    String string(JsonNode object, String prefix, ConfigKeys.Key key) {
        String field = join(prefix, ConfigKeys.leaf(key));
        JsonNode node = object == null ? null : object.get(ConfigKeys.leaf(key));
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank() && key.required())) {
            if (key.required()) {
                problem(field, "is required", key.doc());
            }
            return key.defaultValue();
        }
        if (!node.isValueNode()) {
            problem(field, "must be a single value", key.doc());
            return key.defaultValue();
        }
        int before = problems.size();
        String value = text(node, field);
        if (value.isBlank() && key.required() && problems.size() == before) {
            problem(field, "is empty after resolving its references", key.doc());
        }
        return value;
    }

    int integer(JsonNode object, String prefix, ConfigKeys.Key key, int min, int max) {
        String text = string(object, prefix, key);
        String field = join(prefix, ConfigKeys.leaf(key));
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                problem(field, "is " + value + ", outside " + min + ".." + max, "use a value in " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            problem(field, "'" + text + "' is not a whole number", "e.g. " + key.defaultValue());
            return Integer.parseInt(key.defaultValue().isEmpty() ? "0" : key.defaultValue());
        }
    }

    Duration duration(JsonNode object, String prefix, ConfigKeys.Key key) {
        String text = string(object, prefix, key);
        try {
            Duration value = Durations.parse(text);
            if (value.isNegative() || value.isZero()) {
                problem(join(prefix, ConfigKeys.leaf(key)), "must be positive", "e.g. " + key.defaultValue());
            }
            return value;
        } catch (IllegalArgumentException e) {
            problem(join(prefix, ConfigKeys.leaf(key)), e.getMessage(), "e.g. " + key.defaultValue());
            return Durations.parse(key.defaultValue());
        }
    }

    DataSize dataSize(JsonNode object, String prefix, ConfigKeys.Key key) {
        String text = string(object, prefix, key);
        try {
            DataSize value = DataSize.parse(text);
            if (value.bytes() == 0) {
                problem(join(prefix, ConfigKeys.leaf(key)), "must be positive", "e.g. " + key.defaultValue());
            }
            return value;
        } catch (IllegalArgumentException | ArithmeticException e) {
            problem(join(prefix, ConfigKeys.leaf(key)), e.getMessage(), "write a size like 128MB or 1GB");
            return new DataSize(0); // a problem is recorded: the configuration is rejected

        }
    }

    List<String> stringList(JsonNode object, String prefix, ConfigKeys.Key key, List<String> defaults) {
        JsonNode node = object == null ? null : object.get(ConfigKeys.leaf(key));
        if (node == null || node.isNull()) {
            return defaults;
        }
        String field = join(prefix, ConfigKeys.leaf(key));
        if (node.isTextual()) {
            return List.of(text(node, field));
        }
        if (!node.isArray()) {
            problem(join(prefix, ConfigKeys.leaf(key)), "must be a list", key.doc());
            return defaults;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), field + "[" + i + "]"));
        }
        return values;
    }

    Map<String, String> stringMap(JsonNode object, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object == null) {
            return values;
        }
        object.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isValueNode()) {
                problem(join(field, entry.getKey()), "must be a single value", "");
            } else {
                values.put(entry.getKey(), text(entry.getValue(), join(field, entry.getKey())));
            }
        });
        return values;
    }

    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
