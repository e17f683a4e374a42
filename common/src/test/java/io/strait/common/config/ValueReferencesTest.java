package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ${env:}} and {@code ${file:}} references: a map stands for the environment, a real temp file for files. */
class ValueReferencesTest {
    private static final Environment ENVIRONMENT = name -> Optional.ofNullable(Map.of(
            "DB_PASSWORD", "pa55-from-env", "EMPTY", "", "HOST", "db.internal").get(name));

    @TempDir
    static Path folder;
    private static Path secretFile;

    @BeforeAll
    static void writeSecretFile() throws IOException {
        secretFile = folder.resolve("store-password");
        Files.writeString(secretFile, "pa55-from-file\n");
    }

    static Stream<Arguments> resolvable() {
        return Stream.of(
                Arguments.of("plain text", "plain text", false),
                Arguments.of("cost $5 {not a reference}", "cost $5 {not a reference}", false),
                Arguments.of("${env:DB_PASSWORD}", "pa55-from-env", true),
                Arguments.of("${env:EMPTY}", "", true),
                Arguments.of("jdbc:mysql://${env:HOST}:3306/strait", "jdbc:mysql://db.internal:3306/strait", true),
                Arguments.of("${file:" + secretFile + "}", "pa55-from-file", true),
                Arguments.of("Bearer ${file:" + secretFile + "}", "Bearer pa55-from-file", true),
                Arguments.of("${env:HOST}/${env:DB_PASSWORD}", "db.internal/pa55-from-env", true),
                Arguments.of("literal $${env:HOST}", "literal ${env:HOST}", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("resolvable")
    void resolves(String raw, String expected, boolean referenced) {
        ValueReferences.Resolved resolved = new ValueReferences(ENVIRONMENT).resolve(raw);

        assertThat(resolved.problems()).isEmpty();
        assertThat(resolved.value()).isEqualTo(expected);
        assertThat(resolved.referenced()).isEqualTo(referenced);
    }

    static Stream<Arguments> unresolvable() {
        return Stream.of(
                Arguments.of("${env:NOT_SET}", "environment variable NOT_SET", "set NOT_SET"),
                Arguments.of("${env:not-a-name}", "does not name an environment variable", "letters, digits"),
                Arguments.of("${file:" + folder.resolve("missing") + "}", "cannot read file " + folder.resolve("missing"),
                        "create " + folder.resolve("missing")),
                Arguments.of("${file:relative/secret}", "is not an absolute path", "absolute path"),
                Arguments.of("${DB_PASSWORD}", "'${DB_PASSWORD}' is not a reference Strait resolves",
                        "write ${env:DB_PASSWORD}"),
                Arguments.of("x${vault:a/b}", "'${vault:a/b}' is not a reference", "${file:/absolute/path}"),
                Arguments.of("${env:DB_PASSWORD", "without its closing '}'", "$${"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unresolvable")
    void refusesWithTheFix(String raw, String message, String fix) {
        ValueReferences.Resolved resolved = new ValueReferences(ENVIRONMENT).resolve(raw);

        assertThat(resolved.problems()).hasSize(1);
        assertThat(resolved.problems().get(0).message()).contains(message);
        assertThat(resolved.problems().get(0).fix()).contains(fix);
    }
}
