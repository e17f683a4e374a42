package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.ops.cli.StraitCli;
import io.strait.sql.testing.TestingMariaDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strait demo} end to end, on the embedded store and on an external MySQL-compatible store. */
class DemoIT {
    @TempDir
    Path work;

    @Test
    void theDemoOnEmbeddedDefaultsReplicatesEverythingAndFindsNoDivergence() throws Exception {
        String output = runDemo(0, "demo", "--workspace", work.resolve("embedded").toString());

        assertReport(output);
        assertThat(work.resolve("embedded").resolve("strait.yaml")).exists();
    }

    @Test
    void theSameFlowRunsAgainstAnExternalStore() throws Exception {
        try (TestingMariaDb store = TestingMariaDb.create()) {
            String output = runDemo(0, "demo", "--workspace", work.resolve("external").toString(),
                    "--store", store.jdbcUrl(), "--store-user", store.user(), "--store-password-file",
                    Files.writeString(work.resolve("store-password"), store.password()).toString());

            assertReport(output);
            assertThat(Files.readString(work.resolve("external").resolve("strait.yaml"))).contains(store.jdbcUrl());
        }
    }

    private static void assertReport(String output) {
        assertThat(number(output, "events captured:\\s+(\\d+)")).as("the database and the archive table existed"
                + " before the listener: never captured").isEqualTo(13);
        assertThat(output).contains("{ADD_PARTITION=4, ALTER_PARTITION=2, CREATE_TABLE=1, DROP_PARTITION=2,"
                + " INSERT=4}");
        assertThat(number(output, "jobs:\\s+(\\d+) succeeded") + number(output, "(\\d+) superseded"))
                .isEqualTo(46);
        assertThat(number(output, "bootstrap:\\s+exit (\\d+)")).isZero();
        assertThat(number(output, "exit 0, (\\d+) jobs replicated what region a held")).as("database, table and"
                + " its 6 partitions").isEqualTo(8);
        assertThat(number(output, "repair:\\s+exit (\\d+)")).isZero();
        assertThat(number(output, "exit 0, (\\d+) jobs repaired")).as("a deleted file and a changed parameter, in"
                + " two partitions").isEqualTo(2);
        assertThat(number(output, "(\\d+) failed or unfinished")).isZero();
        assertThat(number(output, "files verified:\\s+(\\d+)")).isGreaterThanOrEqualTo(27);
        assertThat(number(output, "; (\\d+) not verified")).isZero();
        assertThat(number(output, "p99 (\\d+) ms")).isPositive();
        assertThat(number(output, "divergences:\\s+(\\d+)")).isZero();
        assertThat(output).contains("reconcile:          demo.trips CONSISTENT",
                "reconcile:          demo.trips_archive CONSISTENT", "result:             OK (exit 0)");
    }

    private static long number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        assertThat(matcher.find()).as("'%s' in:%n%s", regex, output).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static String runDemo(int expectedExit, String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = StraitCli.run(args);
            String output = captured.toString(StandardCharsets.UTF_8);
            assertThat(code).as(output).isEqualTo(expectedExit);
            return output;
        } finally {
            System.setOut(originalOut);
        }
    }
}
