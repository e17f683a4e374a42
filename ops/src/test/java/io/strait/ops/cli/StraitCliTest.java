package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes and messages that name the file, the field and the fix. */
class StraitCliTest {
    @TempDir
    Path work;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            int code = StraitCli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private Path config(String yaml) throws IOException {
        Path file = work.resolve("strait.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String validConfig(int storePort, int metastorePort) {
        return """
                store: {jdbc-url: "jdbc:mysql://127.0.0.1:%d/strait"}
                regions:
                  a: {metastore-uri: "thrift://127.0.0.1:%d", roots: {external: "file:/tmp/a"}}
                  b: {metastore-uri: "thrift://127.0.0.1:%d", roots: {external: "file:/tmp/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(storePort, metastorePort, metastorePort);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void helpListsEveryCommandByItsExactNameAndExitsZero() {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        Set<String> listed = commandsSection(result.out());
        assertThat(listed).as("the Commands section of --help, one exact name per line")
                .isEqualTo(new CommandLine(new StraitCli()).getSubcommands().keySet());
        assertThat(listed).as("README's command table documents exactly the commands there are")
                .isEqualTo(readmeCommands().stream().map(path -> path.get(0)).collect(Collectors.toSet()));
    }

    @Test
    void everyCommandAndOptionTheReadmeDocumentsExists() throws IOException {
        List<String> rows = readmeCommandRows();
        assertThat(rows).hasSizeGreaterThan(10);
        for (String row : rows) {
            List<String> path = commandPath(row);
            CommandLine command = new CommandLine(new StraitCli());
            for (String name : path) {
                assertThat(command.getSubcommands()).as("README row `" + row + "`: command " + path).containsKey(name);
                command = command.getSubcommands().get(name);
            }
            Matcher options = Pattern.compile("--[a-z][a-z-]*").matcher(row);
            while (options.find()) {
                assertThat(command.getCommandSpec().findOption(options.group()))
                        .as("README row `" + row + "`: option " + options.group() + " of " + path).isNotNull();
            }
        }
    }

    /** The names in the Commands section of the help: lines indented by exactly two spaces. */
    private static Set<String> commandsSection(String help) {
        String section = help.substring(help.indexOf("Commands:"));
        Set<String> names = new TreeSet<>();
        for (String line : section.lines().skip(1).toList()) {
            if (line.isBlank()) {
                break;
            }
            Matcher name = Pattern.compile("^  ([a-z][a-z-]*)(\\s|$)").matcher(line);
            if (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /** The code spans of README's command table: {@code strait reconcile --config F [--link L] ...}. */
    private static List<String> readmeCommandRows() {
        try {
            return Files.readString(Path.of("../README.md")).lines().filter(line -> line.startsWith("| `strait "))
                    .map(line -> line.substring(3, line.indexOf('`', 3))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> readmeCommands() {
        return readmeCommandRows().stream().map(StraitCliTest::commandPath).toList();
    }

    /** The command words after {@code strait}: {@code config check}, {@code reconcile}. */
    private static List<String> commandPath(String row) {
        List<String> path = new ArrayList<>();
        for (String word : row.split(" +")) {
            if (word.equals("strait")) {
                continue;
            }
            if (!word.matches("[a-z][a-z-]*")) {
                break;
            }
            path.add(word);
        }
        return path;
    }

    @Test
    void aValidConfigurationChecksOk() throws IOException {
        Path file = config(validConfig(3306, 9083));

        Result result = run("config", "check", "--config", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("ok, 2 region(s), 1 link(s)");
    }

    @Test
    void aBrokenConfigurationListsEveryProblemWithFileFieldAndFixAndExitsTwo() throws IOException {
        Path file = config("""
                store: {jdbc-url: "postgres://x"}
                regions:
                  a: {metastore-uri: "http://a", roots: {external: "file:/tmp/a"}}
                links:
                  - {name: l, source: a, target: nowhere}
                scheduler: {cycle-intervall: 1s}
                """);

        Result result = run("config", "check", "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(file.toString(), "store.jdbc-url", "regions.a.metastore-uri",
                "links[0].target", "scheduler.cycle-intervall", "unknown key", "fix:");
    }

    @Test
    void aMissingConfigurationFileIsACouldNotRun() {
        Result result = run("config", "check", "--config", work.resolve("absent.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("strait config check: ").contains("absent.yaml", "cannot be read");
    }

    @Test
    void reconcileWithAnUnreachableStateStoreCouldNotCheck() throws IOException {
        Path file = config(validConfig(closedPort(), closedPort()));

        Result result = run("reconcile", "--config", file.toString(), "sales.orders");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("strait reconcile:", "127.0.0.1");
    }

    @Test
    void reconcileRefusesANamelessCallWithoutALinkAndUnknownDepthsBeforeConnecting() throws IOException {
        Path file = config(validConfig(closedPort(), closedPort()));

        Result nameless = run("reconcile", "--config", file.toString());
        Result badDepth = run("reconcile", "--config", file.toString(), "--depth", "deep", "sales.orders");
        Result badName = run("reconcile", "--config", file.toString(), "sales.orders.x");

        assertThat(nameless.exitCode()).isEqualTo(2);
        assertThat(nameless.err()).contains("name tables", "--link");
        assertThat(badDepth.exitCode()).isEqualTo(2);
        assertThat(badDepth.err()).contains("'deep' is not a reconcile depth: use meta, files, bytes or rows");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("'sales.orders.x' is not DB, DB.TABLE");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("reconcile").exitCode()).isEqualTo(2);
        assertThat(run("no-such-command").exitCode()).isEqualTo(2);
        assertThat(run("demo", "--partitions", "3").exitCode()).isEqualTo(2);
    }
}
