package io.strait.reparo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
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
 * Renders a {@link ReconcileScan} for people (one line per entry, {@code <CLASS> <subject> <detail>}, then a
 * summary line) or for programs (JSON with stable field names), sums up a reconcile of several tables in one line,
 * and maps results to the command's exit code. {@code IN_FLIGHT} entries are listed like divergences but counted
 * apart ({@code n objects in flight}) and do not make a scan divergent.
 */
public final class ReconcileReport {
    private final StraitJson json = new StraitJson();

    /** CONSISTENT (objects in flight or not) -> 0, DIVERGENT -> 1, FAILED (could not check) -> 2. */
    public static ExitCode exitCode(ReconcileScan scan) {
        return switch (scan.status()) {
            case CONSISTENT -> ExitCode.OK;
            case DIVERGENT -> ExitCode.FAILED;
            case FAILED -> ExitCode.COULD_NOT_RUN;
        };
    }

    /** The worst of the scans' exit codes: 2 if one could not be checked, else 1 if one diverged, else 0. */
    public static ExitCode exitCode(List<ReconcileScan> scans) {
        ExitCode worst = ExitCode.OK;
        for (ReconcileScan scan : scans) {
            ExitCode code = exitCode(scan);
            if (code.code() > worst.code()) {
                worst = code;
            }
        }
        return worst;
    }

    /** Each entry on its own line, then the summary line; ends with a line break. */
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
     * One line over several scans: {@code reconcile <what> <source> -> <target> (depth <d>): <worst status>; <n>
     * tables: <c> consistent, <d> divergent, <f> could not be checked; <objects>, <files> checked; <divergences>,
     * <in flight> (<seconds>)}.
     *
     * @param what what was reconciled, e.g. {@code link a-to-b} or the names given
     * @param elapsedMillis how long the whole reconcile took
     */
    public String runSummary(String what, List<ReconcileScan> scans, long elapsedMillis) {
        String regions = scans.isEmpty() ? "" : " " + scans.get(0).source() + " -> " + scans.get(0).target();
        String depths = scans.stream().map(scan -> scan.depth().label()).distinct().collect(Collectors.joining(", "));
        long consistent = scans.stream().filter(scan -> scan.status() == ReconcileScan.Status.CONSISTENT).count();
        long divergent = scans.stream().filter(scan -> scan.status() == ReconcileScan.Status.DIVERGENT).count();
        long failed = scans.size() - consistent - divergent;
        long objects = scans.stream().mapToLong(ReconcileScan::objectsChecked).sum();
        long files = scans.stream().mapToLong(ReconcileScan::filesChecked).sum();
        long divergences = scans.stream().mapToLong(scan -> scan.divergent().size()).sum();
        long inFlight = scans.stream().mapToLong(ReconcileScan::objectsInFlight).sum();
        String outcome = switch (exitCode(scans)) {
            case OK -> "CONSISTENT";
            case FAILED -> "DIVERGENT";
            default -> "FAILED";
        };
        return String.format(Locale.ROOT, "reconcile %s%s%s: %s; %d %s: %d consistent, %d divergent, %d could not be"
                + " checked; %d objects, %d files checked; %s%s (%.1f s)", what, regions,
                depths.isEmpty() ? "" : " (depth " + depths + ")", outcome, scans.size(),
                scans.size() == 1 ? "table" : "tables", consistent, divergent, failed, objects, files,
                divergences == 1 ? "1 divergence" : divergences + " divergences", inFlight(inFlight),
                elapsedMillis / 1000.0);
    }

    /**
     * One JSON object: {@code table, source, target, status, depth, startedAt, finishedAt, objectsChecked,
     * filesChecked, objectsInFlight, divergences[{class, subject, partition, path, detail}], error} ({@code error} is
     * empty unless FAILED; {@code divergences} includes the IN_FLIGHT entries).
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
        String head = "reconcile " + scan.table() + " " + scan.source() + " -> " + scan.target() + " (depth "
                + scan.depth().label() + "): " + scan.status();
        if (scan.status() == ReconcileScan.Status.FAILED) {
            return head + ", could not check: " + scan.error();
        }
        String checked = scan.depth() == ReconcileDepth.META
                ? scan.objectsChecked() + " objects checked, no file listed"
                : scan.objectsChecked() + " objects, " + scan.filesChecked() + " files checked";
        return String.format(Locale.ROOT, "%s; %s; %s%s (%.1f s)", head, checked, counts(scan.divergent()),
                inFlight(scan.objectsInFlight()), (scan.finishedAtMillis() - scan.startedAtMillis()) / 1000.0);
    }

    private static String inFlight(long objects) {
        if (objects == 0) {
            return "";
        }
        return objects == 1 ? ", 1 object in flight" : ", " + objects + " objects in flight";
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

    @JsonPropertyOrder({"table", "source", "target", "status", "depth", "startedAt", "finishedAt", "objectsChecked",
            "filesChecked", "objectsInFlight", "divergences", "error"})
    private record JsonScan(String table, String source, String target, String status, String depth,
            String startedAt, String finishedAt, int objectsChecked, long filesChecked, int objectsInFlight,
            List<JsonDivergence> divergences, String error) {
        static JsonScan of(ReconcileScan scan) {
            return new JsonScan(scan.table().toString(), scan.source().name(), scan.target().name(),
                    scan.status().name(), scan.depth().label(), Instant.ofEpochMilli(scan.startedAtMillis()).toString(),
                    Instant.ofEpochMilli(scan.finishedAtMillis()).toString(), scan.objectsChecked(),
                    scan.filesChecked(), scan.objectsInFlight(),
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
