package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README and docs/ stand alone: every relative link resolves, every {@code strait} command they show exists, and
 * every Markdown file they name is in the repository.
 */
class DocsStandAloneTest {
    private static final Path REPOSITORY = Path.of("..");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern COMMAND = Pattern.compile("`(?:bin/|\\./)?strait ([a-z][a-z-]*)");
    private static final Pattern MARKDOWN_NAME = Pattern.compile("`([A-Za-z0-9_./-]+\\.md)`");

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("[a-z]+:.*") && !Files.exists(document.getParent().resolve(target))) {
                    broken.add(REPOSITORY.relativize(document) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to files the repository lacks").isEmpty();
    }

    @Test
    void everyCommandShownExists() throws IOException {
        Set<String> commands = new CommandLine(new StraitCli()).getSubcommands().keySet();
        List<String> unknown = new ArrayList<>();
        for (Path document : documents()) {
            Matcher command = COMMAND.matcher(Files.readString(document));
            while (command.find()) {
                if (!commands.contains(command.group(1))) {
                    unknown.add(REPOSITORY.relativize(document) + ": strait " + command.group(1));
                }
            }
        }
        assertThat(unknown).as("commands the CLI does not have").isEmpty();
    }

    @Test
    void everyMarkdownFileNamedIsInTheRepository() throws IOException {
        Set<String> present = new java.util.HashSet<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            files.filter(path -> path.toString().endsWith(".md") && !path.toString().contains("/target/"))
                    .forEach(path -> present.add(path.getFileName().toString()));
        }
        List<String> missing = new ArrayList<>();
        for (Path document : documents()) {
            Matcher name = MARKDOWN_NAME.matcher(Files.readString(document));
            while (name.find()) {
                if (!present.contains(Path.of(name.group(1)).getFileName().toString())) {
                    missing.add(REPOSITORY.relativize(document) + ": " + name.group(1));
                }
            }
        }
        assertThat(missing).as("Markdown files named but absent").isEmpty();
    }
}
