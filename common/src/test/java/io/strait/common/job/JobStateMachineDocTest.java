package io.strait.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/JOB_STATE_MACHINE.md and the javadoc of {@link JobTransitions} each carry the transition table as text;
 * neither may drift from the code. Surefire runs with the module directory as working directory.
 */
class JobStateMachineDocTest {
    private static final Path DOC = Path.of("../docs/JOB_STATE_MACHINE.md");
    private static final Path SOURCE = Path.of("src/main/java/io/strait/common/job/JobTransitions.java");

    @Test
    void theDocumentedTableIsTheCodesTable() throws IOException {
        assertThat(parse(fencedBlockWithTable(Files.readString(DOC)))).isEqualTo(codeTable());
    }

    @Test
    void theJavadocTableIsTheCodesTable() throws IOException {
        assertThat(parse(javadocPreBlock(Files.readString(SOURCE)))).isEqualTo(codeTable());
    }

    @Test
    void theParserIgnoresCommentsAndSeesAMissingMove() {
        List<String> table = List.of(
                "PENDING    -> PLANNED, SUPERSEDED, BLOCKED, CANCELLED, FAILED",
                "PLANNED    -> COPYING, COMMITTED (nothing to copy), SUPERSEDED, BLOCKED (not replicable), RETRY_WAIT,"
                        + " FAILED, CANCELLED",
                "COPYING    -> COPIED, RETRY_WAIT, FAILED, CANCELLED",
                "COPIED     -> VERIFIED, UNVERIFIABLE, RETRY_WAIT, FAILED",
                "VERIFIED   -> COMMITTED, SUPERSEDED (a newer version, already published), RETRY_WAIT",
                "COMMITTED  -> SUCCEEDED",
                "RETRY_WAIT -> PENDING, FAILED, CANCELLED",
                "BLOCKED    -> PENDING, CANCELLED",
                "SUCCEEDED, FAILED, SUPERSEDED, CANCELLED, UNVERIFIABLE: terminal");
        Map<JobState, Set<JobState>> parsed = parse(table);
        assertThat(parsed.get(JobState.PLANNED)).contains(JobState.COMMITTED, JobState.BLOCKED);
        assertThat(parsed.get(JobState.VERIFIED)).containsExactlyInAnyOrder(
                JobState.COMMITTED, JobState.SUPERSEDED, JobState.RETRY_WAIT);
        assertThat(parsed).isNotEqualTo(codeTable());
    }

    @Test
    void theParserRejectsAStateListedTwiceOrNotAtAll() {
        assertThatThrownBy(() -> parse(List.of("COMMITTED  -> SUCCEEDED", "COMMITTED  -> FAILED")))
                .hasMessageContaining("COMMITTED");
        assertThatThrownBy(() -> parse(List.of("COMMITTED  -> SUCCEEDED")))
                .hasMessageContaining("PENDING");
    }

    private static Map<JobState, Set<JobState>> codeTable() {
        Map<JobState, Set<JobState>> table = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            table.put(state, JobTransitions.next(state));
        }
        return table;
    }

    /** Parses {@code FROM -> A, B (comment), C} rows and a {@code X, Y: terminal} row; every state exactly once. */
    static Map<JobState, Set<JobState>> parse(List<String> lines) {
        Map<JobState, Set<JobState>> table = new EnumMap<>(JobState.class);
        for (String line : lines) {
            String text = line.replaceAll("\\([^)]*\\)", "").trim();
            if (text.endsWith(": terminal")) {
                states(text.substring(0, text.length() - ": terminal".length()))
                        .forEach(state -> putOnce(table, state, EnumSet.noneOf(JobState.class)));
            } else if (text.contains("->")) {
                String[] sides = text.split("->", 2);
                putOnce(table, JobState.valueOf(sides[0].trim()), states(sides[1]));
            }
        }
        Set<JobState> missing = EnumSet.complementOf(EnumSet.copyOf(
                table.isEmpty() ? EnumSet.noneOf(JobState.class) : table.keySet()));
        if (!missing.isEmpty()) {
            throw new AssertionError("the table has no row for " + missing);
        }
        return table;
    }

    private static void putOnce(Map<JobState, Set<JobState>> table, JobState from, Set<JobState> to) {
        if (table.put(from, to) != null) {
            throw new AssertionError("the table lists " + from + " twice");
        }
    }

    private static Set<JobState> states(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(JobState::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(JobState.class)));
    }

    /** The lines of the first fenced block holding a {@code ->} row. */
    private static List<String> fencedBlockWithTable(String markdown) {
        String[] blocks = markdown.split("```");
        for (int i = 1; i < blocks.length; i += 2) {
            if (blocks[i].contains("->")) {
                return blocks[i].lines().toList();
            }
        }
        throw new AssertionError("no fenced block with the transition table in " + DOC);
    }

    private static List<String> javadocPreBlock(String source) {
        int start = source.indexOf("<pre>");
        int end = source.indexOf("</pre>", start);
        assertThat(start).as("<pre> block in " + SOURCE).isNotNegative();
        return source.substring(start + "<pre>".length(), end).lines()
                .map(line -> line.replaceFirst("^\\s*\\*", "")).toList();
    }
}
