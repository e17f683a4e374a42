package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md lists exactly the keys of {@link ConfigKeys}, with their defaults. */
class ConfigKeysDocTest {
    private static final Path DOC = Path.of("../docs/CONFIGURATION.md");
    /** A row of the keys table: {@code | `path` | type | default | meaning |}. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)$", Pattern.MULTILINE);

    @Test
    void everyKeyIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        assertThat(ConfigKeys.ALL).allSatisfy(key ->
                assertThat(doc).as("docs/CONFIGURATION.md mentions " + key.path()).contains("`" + key.path() + "`"));
    }

    @Test
    void theDocumentListsNoKeyThatDoesNotExist() throws IOException {
        List<String> declared = ConfigKeys.ALL.stream().map(ConfigKeys.Key::path).toList();
        assertThat(documentedKeys(Files.readString(DOC))).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyDocumentedDefaultIsTheDeclaredOne() throws IOException {
        String doc = Files.readString(DOC);
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            if (!key.required() && !key.defaultValue().isEmpty()) {
                assertThat(row(doc, key.path())).as("row of " + key.path())
                        .hasValueSatisfying(row -> assertThat(row).contains("`" + key.defaultValue() + "`"));
            }
        }
    }

    @Test
    void keysAreDeclaredOnceEach() {
        assertThat(ConfigKeys.ALL).extracting(ConfigKeys.Key::path).doesNotHaveDuplicates();
        assertThat(ConfigKeys.ALL).allSatisfy(key -> assertThat(key.doc()).isNotBlank());
        assertThat(ConfigKeys.ALL).filteredOn(ConfigKeys.Key::required)
                .allSatisfy(key -> assertThat(key.defaultValue()).isEmpty());
    }

    private static List<String> documentedKeys(String doc) {
        return KEY_ROW.matcher(doc).results().map(match -> match.group(1)).toList();
    }

    private static Optional<String> row(String doc, String path) {
        Matcher matcher = KEY_ROW.matcher(doc);
        while (matcher.find()) {
            if (matcher.group(1).equals(path)) {
                return Optional.of(matcher.group(2));
            }
        }
        return Optional.empty();
    }
}
