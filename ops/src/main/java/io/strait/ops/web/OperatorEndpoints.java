package io.strait.ops.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.ops.control.BackgroundReconcile;
import io.strait.ops.control.OperatorActions;
import io.strait.ops.control.OperatorActions.Actor;
import io.strait.ops.control.OperatorActions.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutating endpoints (already authorised by {@link MutationGuard}): {@code POST /api/jobs/{id}/retry},
 * {@code /api/jobs/{id}/cancel}, {@code /api/links/{link}/pause}, {@code /api/links/{link}/resume}, each through
 * {@link OperatorActions} (as the command line), and {@code /api/reconcile} ({@link BackgroundReconcile}). The body
 * is optional JSON {@code {"reason": "...", "by": "..."}} (for a reconcile also {@code "link"}, {@code "tables"},
 * {@code "depth"}); the history records {@code operator <by> via dashboard from <address>: <action>: <reason>}.
 */
final class OperatorEndpoints {
    private static final Pattern JOB = Pattern.compile("/api/jobs/(\\d+)/(retry|cancel)");
    private static final Pattern LINK = Pattern.compile("/api/links/([^/]+)/(pause|resume)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: HTTP status and JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }

    private final OperatorActions actions;
    private final BackgroundReconcile reconcile;
    private final List<String> links;

    OperatorEndpoints(OperatorActions actions, BackgroundReconcile reconcile, List<String> links) {
        this.actions = actions;
        this.reconcile = reconcile;
        this.links = links;
    }

    /** The answer to a POST at {@code path}; empty when no endpoint is there. */
    Optional<Answer> post(String path, byte[] body, String remoteAddress) {
        Matcher job = JOB.matcher(path);
        Matcher link = LINK.matcher(path);
        boolean reconciles = path.equals("/api/reconcile");
        if (!job.matches() && !link.matches() && !reconciles) {
            return Optional.empty();
        }
        Map<String, String> fields;
        List<String> tables = new ArrayList<>();
        try {
            fields = fields(body, tables);
        } catch (IOException e) {
            return Optional.of(error(400, "the body must be JSON such as {\"reason\": \"table fixed\"}: "
                    + e.getMessage()));
        }
        String by = fields.getOrDefault("by", "");
        Actor actor = new Actor((by.isBlank() ? "" : by.trim() + " via ") + "dashboard from " + remoteAddress,
                fields.get("reason"));
        if (reconciles) {
            return Optional.of(reconcile(fields, tables, actor));
        }
        Outcome outcome;
        if (job.matches()) {
            long id = Long.parseLong(job.group(1));
            if (job.group(2).equals("cancel") && fields.getOrDefault("reason", "").isBlank()) {
                return Optional.of(error(400, "a cancel needs a reason: {\"reason\": \"...\"} (it is recorded in the"
                        + " job's history)"));
            }
            outcome = job.group(2).equals("retry") ? actions.retry(id, actor) : actions.cancel(id, actor);
        } else {
            outcome = actions.pause(link.group(1), link.group(2).equals("pause"), links, actor);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", outcome.status().name());
        answer.put("message", outcome.message());
        outcome.after().ifPresent(after -> {
            answer.put("jobId", after.id());
            answer.put("state", after.state().name());
        });
        return Optional.of(new Answer(switch (outcome.status()) {
            case DONE -> 200;
            case NOT_FOUND -> 404;
            case WRONG_STATE, CHANGED_MEANWHILE -> 409;
        }, answer));
    }

    private Answer reconcile(Map<String, String> fields, List<String> tables, Actor actor) {
        Optional<BackgroundReconcile.Started> started = reconcile.start(fields.getOrDefault("link", ""), tables,
                fields.getOrDefault("depth", ""), actor);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (started.isEmpty()) {
            answer.put("status", "BUSY");
            answer.put("message", "a reconcile started here is running (" + reconcile.running().orElse("")
                    + "); try again when it has finished");
            return new Answer(409, answer);
        }
        answer.put("status", "STARTED");
        answer.put("link", started.get().link());
        answer.put("scope", started.get().scope());
        answer.put("depth", started.get().depth());
        answer.put("message", started.get().message());
        return new Answer(202, answer);
    }

    private static Map<String, String> fields(byte[] body, List<String> tables) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.length == 0) {
            return fields;
        }
        JsonNode tree = JSON.readTree(body);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return fields;
        }
        if (!tree.isObject()) {
            throw new IOException("not a JSON object");
        }
        for (String name : List.of("reason", "by", "link", "depth")) {
            if (tree.hasNonNull(name)) {
                fields.put(name, tree.get(name).asText());
            }
        }
        if (tree.hasNonNull("tables")) {
            if (!tree.get("tables").isArray()) {
                throw new IOException("\"tables\" must be an array of names such as [\"sales.orders\"]");
            }
            tree.get("tables").forEach(name -> tables.add(name.asText()));
        }
        return fields;
    }

    private static Answer error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new Answer(status, body);
    }
}
