package io.strait.ops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.sql.control.JdbcLinkControl.LinkState;
import java.util.List;
import java.util.Optional;

/** {@code strait jobs --json}: one object with the link, its pause state and the jobs, newest first. */
final class JobsJson {
    private static final StraitJson JSON = new StraitJson();

    private JobsJson() {
    }

    static String render(String link, Optional<LinkState> control, List<ReplicationJob> jobs) {
        ObjectNode root = JSON.mapper().createObjectNode();
        root.put("link", link);
        boolean paused = control.map(LinkState::paused).orElse(false);
        root.put("paused", paused);
        if (paused) {
            root.put("pausedBy", control.get().changedBy());
            root.put("pausedReason", control.get().reason());
            root.put("pausedAtMillis", control.get().changedAtMillis());
        }
        ArrayNode array = root.putArray("jobs");
        for (ReplicationJob job : jobs) {
            ObjectNode node = array.addObject();
            node.put("id", job.id());
            node.put("link", job.link());
            node.put("kind", job.kind().name());
            node.put("origin", job.origin().name());
            node.put("state", job.state().name());
            node.put("version", job.version());
            node.put("attempts", job.attempts());
            node.put("database", job.object().database());
            node.put("table", job.object().table());
            ArrayNode partition = node.putArray("partitionValues");
            job.object().partitionValues().forEach(partition::add);
            node.put("object", job.object().toString());
            if (job.renamedFrom() == null) {
                node.putNull("renamedFrom");
            } else {
                node.put("renamedFrom", job.renamedFrom().toString());
            }
            node.put("sourceEventId", job.sourceEventId());
            node.put("sourceCapturedAtMillis", job.sourceCapturedAtMillis());
            node.put("updatedAtMillis", job.updatedAtMillis());
            if (job.committedAtMillis() > 0) {
                node.put("committedAtMillis", job.committedAtMillis());
                node.put("lagMillis", job.committedAtMillis() - job.sourceCapturedAtMillis());
            } else {
                node.putNull("committedAtMillis");
                node.putNull("lagMillis");
            }
            node.put("targetLocation", job.targetLocation());
            node.put("lastError", job.lastError());
        }
        return JSON.write(root);
    }
}
