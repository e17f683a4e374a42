package io.strait.reparo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.ExitCode;
import io.strait.common.error.StraitException;
import io.strait.common.json.StraitJson;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link ReconcileScan} for people (one line per divergence, {@code <CLASS> <subject> <detail>}, then a
 * summary line) or for programs (JSON with stable field names), and maps its status to the command's exit code.
 */
public final class ReconcileReport {
    private final StraitJson json = new StraitJson();

    /** CONSISTENT -> 0, DIVERGENT -> 1, FAILED (could not check) -> 2. */
    public static ExitCode exitCode(ReconcileScan scan) {
        return switch (scan.status()) {
            case CONSISTENT -> ExitCode.OK;
            case DIVERGENT -> ExitCode.FAILED;
            case FAILED -> ExitCode.COULD_NOT_RUN;
        };
    }

    /** Each divergence on its own line, then the summary line; ends with a line break. */
    public String text(ReconcileScan scan) {
        StringBuilder text = new StringBuilder();
        for (Divergence divergence : scan.divergences()) {
            text.append(divergence.divergenceClass()).append(' ').append(divergence.subject());
            if (!divergence.detail().isEmpty()) {
                text.append(' ').append(divergence.detail());
            }
            text.append('\n');
        }
        return text.append(summary(scan)).append('\n').toString();
    }

    /**
     * One JSON object: {@code table, source, target, status, startedAt, finishedAt, objectsChecked, filesChecked,
     * divergences[{class, subject, partition, path, detail}], error} ({@code error} is empty unless FAILED).
     */
    public String json(ReconcileScan scan) {
        try {
            return json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(JsonScan.of(scan));
        } catch (JsonProcessingException e) {
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot render the reconcile of " + scan.table()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String summary(ReconcileScan scan) {
        String head = "reconcile " + scan.table() + " " + scan.source() + " -> " + scan.target() + ": " + scan.status();
        if (scan.status() == ReconcileScan.Status.FAILED) {
            return head + ", could not check: " + scan.error();
        }
        return String.format(Locale.ROOT, "%s; %d objects, %d files checked; %s (%.1f s)", head, scan.objectsChecked(),
                scan.filesChecked(), counts(scan.divergences()),
                (scan.finishedAtMillis() - scan.startedAtMillis()) / 1000.0);
    }

    private static String counts(List<Divergence> divergences) {
        if (divergences.isEmpty()) {
            return "no divergences";
        }
        Map<DivergenceClass, Long> byClass = divergences.stream().collect(Collectors.groupingBy(
                Divergence::divergenceClass, () -> new EnumMap<>(DivergenceClass.class), Collectors.counting()));
        String perClass = byClass.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        return divergences.size() + (divergences.size() == 1 ? " divergence: " : " divergences: ") + perClass;
    }

    @JsonPropertyOrder({"table", "source", "target", "status", "startedAt", "finishedAt", "objectsChecked",
            "filesChecked", "divergences", "error"})
    private record JsonScan(String table, String source, String target, String status, String startedAt,
            String finishedAt, int objectsChecked, long filesChecked, List<JsonDivergence> divergences, String error) {
        static JsonScan of(ReconcileScan scan) {
            return new JsonScan(scan.table().toString(), scan.source().name(), scan.target().name(),
                    scan.status().name(), Instant.ofEpochMilli(scan.startedAtMillis()).toString(),
                    Instant.ofEpochMilli(scan.finishedAtMillis()).toString(), scan.objectsChecked(),
                    scan.filesChecked(),
                    scan.divergences().stream().map(JsonDivergence::of).toList(), scan.error());
        }
    }

    @JsonPropertyOrder({"class", "subject", "partition", "path", "detail"})
    private record JsonDivergence(@JsonProperty("class") String divergenceClass, String subject,
            List<String> partition, String path, String detail) {
        static JsonDivergence of(Divergence divergence) {
            return new JsonDivergence(divergence.divergenceClass().name(), divergence.subject(),
                    divergence.partitionValues(), divergence.relativePath(), divergence.detail());
        }
    }
}
