package io.strait.ops.cli;

import io.strait.common.capture.ListenerStatus;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.region.RegionId;
import io.strait.sql.listener.EventLoss;
import io.strait.sql.listener.JdbcListenerHealth;
import io.strait.sql.listener.ListenerInstance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The listener part of {@code strait report}: the source region's listener instances and their lost events. */
record ListenerReport(Duration silence, List<ListenerInstance> instances, List<EventLoss> losses) {
    /** The window of the call times a listener instance reports with its heartbeat. */
    private static final String CALL_WINDOW = "15 minutes";

    static ListenerReport read(DataSource dataSource, StraitConfig config, RegionId source) {
        RegionConfig region = config.regions().get(source);
        Duration silence = region == null ? RegionConfig.DEFAULT_LISTENER_SILENCE : region.listenerSilence();
        JdbcListenerHealth health = new JdbcListenerHealth(dataSource, Clock.systemUTC());
        return new ListenerReport(silence, health.instances(source.name(), silence),
                health.losses().stream().filter(loss -> loss.region().equals(source.name())).toList());
    }

    void print(PrintWriter out, LinkConfig link, Path configFile) {
        long silent = instances.stream().filter(instance -> instance.status() == ListenerStatus.SILENT).count();
        out.println("  listeners:   " + instances.size() + " instance(s) of region " + link.source() + ", " + silent
                + " silent for longer than " + io.strait.common.config.Durations.format(silence)
                + (instances.isEmpty() ? " (none has reached the state store: is the listener installed?)" : ""));
        instances.forEach(instance -> out.println("    " + instance.status() + " " + instance.instanceId()
                + " version " + instance.version() + ", last contact " + Instant.ofEpochMilli(
                        instance.lastContactAtMillis()) + ", spool depth " + instance.spoolDepth()
                + ", latest sequence " + instance.latestSeq()
                + (instance.replacedBy().isEmpty() ? "" : ", replaced by " + instance.replacedBy())
                + "; adds to metastore calls (last " + CALL_WINDOW + "): " + instance.callTimes().describe()));
        out.println("  lost events: " + losses.size() + " gap(s)");
        losses.forEach(loss -> out.println("    instance " + loss.instanceId() + " events " + loss.sequences()
                + ": " + loss.reason() + "; " + repairHint(loss, link, configFile)));
    }

    private static String repairHint(EventLoss loss, LinkConfig link, Path configFile) {
        String command = "strait reconcile --config " + configFile + " --link " + link.name();
        if (loss.tables().isEmpty()) {
            return "tables unknown: repair the whole link: " + command + " --repair";
        }
        return "tables " + String.join(" ", loss.tables()) + ": " + command + " " + String.join(" ", loss.tables())
                + " --repair";
    }

    /** The fields added to {@code strait report --json} (docs/API.md). */
    Map<String, Object> json() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("listenerSilenceMs", silence.toMillis());
        answer.put("listeners", instances.stream().map(instance -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instance", instance.instanceId());
            row.put("region", instance.region());
            row.put("version", instance.version());
            row.put("host", instance.host());
            row.put("status", instance.status().name());
            row.put("startedAtMs", instance.startedAtMillis());
            row.put("lastContactAtMs", instance.lastContactAtMillis());
            row.put("spoolDepth", instance.spoolDepth());
            row.put("spooledTables", instance.spooledTables());
            row.put("latestSequence", instance.latestSeq());
            row.put("replacedBy", instance.replacedBy());
            Map<String, Object> callTimes = new LinkedHashMap<>();
            callTimes.put("calls", instance.callTimes().calls());
            callTimes.put("p50Us", instance.callTimes().p50Micros());
            callTimes.put("p99Us", instance.callTimes().p99Micros());
            callTimes.put("maxUs", instance.callTimes().maxMicros());
            row.put("callTimes", callTimes);
            return row;
        }).toList());
        answer.put("lostEvents", losses.stream().map(loss -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instance", loss.instanceId());
            row.put("firstSequence", loss.firstSeq());
            row.put("lastSequence", loss.lastSeq().isPresent() ? loss.lastSeq().getAsLong() : null);
            row.put("tables", loss.tables());
            row.put("reason", loss.reason());
            row.put("detectedAtMs", loss.detectedAtMillis());
            return row;
        }).toList());
        return answer;
    }
}
