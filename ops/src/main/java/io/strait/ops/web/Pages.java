package io.strait.ops.web;

import io.strait.common.job.JobState;
import io.strait.sql.dashboard.DashboardQueries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's server-rendered pages: plain HTML with an inline style sheet and inline SVG, nothing fetched from
 * elsewhere. Every value from the state store is escaped.
 */
final class Pages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
            header{background:#1f3a5f;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}
            header a{color:#dbe7f5;text-decoration:none;font-weight:500}header a.here{color:#fff;border-bottom:2px solid #fff}
            header .brand{font-weight:700;font-size:1.15em;color:#fff}
            main{padding:16px 24px;max-width:1280px}
            h1{font-size:1.35em;margin:8px 0 16px}h2{font-size:1.1em;margin:20px 0 8px}
            .card{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:14px 18px;margin-bottom:18px}
            .grid{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}.grid>div{min-width:200px;max-width:460px}
            table{border-collapse:collapse;background:#fff;font-size:.92em}
            th,td{border-bottom:1px solid #e4e7eb;padding:5px 10px;text-align:left;vertical-align:top}
            td{white-space:nowrap}td.error,td.wrap{white-space:normal;max-width:520px}
            th{background:#f0f4f8;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .state{padding:1px 7px;border-radius:9px;font-size:.85em;font-weight:600;background:#e4e7eb}
            .SUCCEEDED,.NO_CHANGE_SINCE,.CONSISTENT{background:#d1f2dd;color:#146c2e}
            .FAILED,.UNVERIFIABLE,.DIVERGENT{background:#fde2e1;color:#a61b1b}
            .BLOCKED,.WAITING,.RETRY_WAIT{background:#fff1c2;color:#8a5b00}.NEEDS_OPERATOR{background:#fde2e1;color:#a61b1b}
            .ON_TIME,.UP_TO_DATE{background:#d1f2dd;color:#146c2e}.AT_RISK,.QUEUED,.COPYING,.RETRYING,.WAITING_BEHIND,.PAUSED{background:#fff1c2;color:#8a5b00}
            .BREACHED{background:#fde2e1;color:#a61b1b}
            .muted{color:#7b8794}.error{color:#a61b1b;white-space:pre-wrap}
            #action-result.done{color:#146c2e}#actions button{margin-right:4px}
            form{margin-bottom:14px}input,select,button{font-size:.95em;padding:4px 8px}
            code{font-size:.9em}svg text{font-size:11px;fill:#52606d}
            """;

    private final DashboardQueries queries;
    private final List<DashboardQueries.Link> links;
    private final Clock clock;

    Pages(DashboardQueries queries, List<DashboardQueries.Link> links, Clock clock) {
        this.queries = queries;
        this.links = links;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    String overview() {
        long now = clock.millis();
        StringBuilder html = new StringBuilder("<h1>Overview</h1>");
        if (links.isEmpty()) {
            html.append("<p class=muted>No link is configured.</p>");
        } else {
            StringBuilder buttons = new StringBuilder();
            for (DashboardQueries.Link link : links) {
                buttons.append(ActionScript.button("pause-" + link.name(), "/api/links/" + url(link.name())
                        + "/pause", "Pause " + link.name())).append(' ').append(ActionScript.button("resume-"
                        + link.name(), "/api/links/" + url(link.name()) + "/resume", "Resume " + link.name()))
                        .append(' ');
            }
            html.append(ActionScript.bar(buttons.toString()));
        }
        for (Map<String, Object> link : queries.links(links, now)) {
            String name = (String) link.get("link");
            Map<String, Long> byState = (Map<String, Long>) link.get("jobsByState");
            html.append("<section class=card id=\"link-").append(esc(name)).append("\"><h2>Link <b>")
                    .append(esc(name)).append("</b> <span class=muted>").append(esc(link.get("source")))
                    .append(" &rarr; ").append(esc(link.get("target"))).append("</span>")
                    .append(Boolean.TRUE.equals(link.get("paused")) ? " <span class=\"state PAUSED\" id=\"paused-"
                    + esc(name) + "\" title=\"" + esc(((Map<String, Object>) link.get("pause")).get("by")) + ": "
                    + esc(((Map<String, Object>) link.get("pause")).get("reason")) + "\">PAUSED</span>" : "")
                    .append("</h2><div class=grid><div>")
                    .append("<table><tr><th>State</th><th>Jobs</th></tr>");
            for (JobState state : JobState.values()) {
                long count = byState.getOrDefault(state.name(), 0L);
                if (count == 0 && state != JobState.SUCCEEDED && state != JobState.PENDING
                        && state != JobState.FAILED && state != JobState.BLOCKED) {
                    continue;
                }
                html.append("<tr><td><a href=\"/jobs?link=").append(url(name)).append("&amp;state=")
                        .append(state.name()).append("\"><span class=\"state ").append(state.name()).append("\">")
                        .append(state.name()).append("</span></a></td><td class=num id=\"jobs-").append(esc(name))
                        .append("-").append(state.name()).append("\">").append(count).append("</td></tr>");
            }
            html.append("</table></div><div><table><tr><th>Lag</th><th>p50</th><th>p95</th><th>p99</th><th>jobs</th>"
                    + "</tr>");
            Map<String, Map<String, Object>> lag = (Map<String, Map<String, Object>>) link.get("lagMs");
            lag.forEach((window, p) -> html.append("<tr><td>last ").append(window).append("</td><td class=num>")
                    .append(duration(p.get("p50"))).append("</td><td class=num>").append(duration(p.get("p95")))
                    .append("</td><td class=num>").append(duration(p.get("p99"))).append("</td><td class=num>")
                    .append(p.get("jobs")).append("</td></tr>"));
            Map<String, Object> reconcile = (Map<String, Object>) link.get("reconcile");
            html.append("</table></div><div><p style=\"margin-top:0\">Files verified: <b id=\"files-")
                    .append(esc(name)).append("\">")
                    .append(link.get("filesVerified")).append("</b> (").append(bytes(link.get("bytesVerified")))
                    .append("); not verified: ").append(link.get("filesNotVerified")).append("<br>Failed: ")
                    .append(link.get("failedJobs")).append(" &middot; blocked: ").append(link.get("blockedJobs"))
                    .append(" &middot; unverifiable: ").append(link.get("unverifiableJobs"))
                    .append("<br>SLA ").append(duration(((Map<String, Object>) link.get("sla")).get("slaMs")))
                    .append(": breached now <b id=\"sla-breached-").append(esc(name)).append("\">")
                    .append(((Map<String, Object>) link.get("sla")).get("breachesNow"))
                    .append("</b> &middot; at risk <b id=\"sla-at-risk-").append(esc(name)).append("\">")
                    .append(((Map<String, Object>) link.get("sla")).get("breachesProjected")).append("</b>")
                    .append("<br>Planned through event ").append(link.get("plannedThroughEvent"))
                    .append("<br>Listeners of ").append(esc(String.valueOf(link.get("source")))).append(": ")
                    .append(((List<?>) link.get("sourceListeners")).size()).append(" running, <b id=\"spooled-")
                    .append(esc(name)).append("\">").append(link.get("spooledEvents"))
                    .append("</b> event(s) spooled")
                    .append("</p><p><a href=\"/reconcile\">Reconcile</a> (latest scan of each table): ").append(reconcile.get("tablesScanned"))
                    .append(" table(s) scanned, ").append(reconcile.get("consistent")).append(" consistent, ")
                    .append(reconcile.get("divergent")).append(" divergent, ").append(reconcile.get("failed"))
                    .append(" failed; ").append(reconcile.get("divergences")).append(" divergence(s)")
                    .append(classes((Map<String, Long>) reconcile.get("divergencesByClass"))).append("; last ")
                    .append(time(reconcile.get("lastFinishedAtMs"))).append("</p></div></div>")
                    .append("<h2>Lag percentiles, last 24 hours (hourly)</h2>")
                    .append(LagChart.svg(name, queries.lagSeries(name, now, DashboardQueries.HOUR, 24)))
                    .append("</section>");
        }
        return page("Overview", "/", html.toString());
    }

    private static String classes(Map<String, Long> byClass) {
        if (byClass.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        byClass.forEach((divergenceClass, count) -> text.append(text.length() > 2 ? ", " : "")
                .append(esc(divergenceClass)).append(' ').append(count));
        return text.append(')').toString();
    }

    String tables(String search) {
        long now = clock.millis();
        StringBuilder html = new StringBuilder("<h1>Tables</h1><form method=get action=\"/tables\">"
                + "<input name=search id=search placeholder=\"db.table contains\" value=\"").append(esc(search))
                .append("\"> <button type=submit id=search-button>Search</button></form>"
                        + "<table id=tables><tr><th>Table</th><th>Link</th><th>Status</th><th>SLA</th><th>Lag</th>"
                        + "<th></th><th title=\"newest source event applied\">Event applied</th><th>Event captured"
                        + "</th><th>Committed</th><th>Unsettled</th><th>Failed/ blocked</th></tr>");
        List<Map<String, Object>> tables = queries.tables(links, search, now, 500);
        for (Map<String, Object> table : tables) {
            String qualified = table.get("database") + "." + table.get("table");
            String status = (String) table.get("status");
            html.append("<tr data-table=\"").append(esc(qualified)).append("\"><td><a href=\"/jobs?table=")
                    .append(url(qualified)).append("\">").append(esc(qualified)).append("</a></td><td>")
                    .append(esc(table.get("link"))).append("</td><td><span class=\"state status ").append(status)
                    .append("\">").append(PartitionsPage.statusText(status, table)).append("</span></td><td><span class=\"state sla ")
                    .append(esc(table.get("sla"))).append("\" title=\"").append(esc(table.get("slaWhy")))
                    .append("\">").append(esc(table.get("sla"))).append("</span></td>")
                    .append("<td class=\"num lag\">").append(duration(table.get("lagMs")))
                    .append("</td><td><a class=why href=\"/why?link=").append(url((String) table.get("link")))
                    .append("&amp;table=").append(url(qualified)).append("\">why?</a> <a class=partitions"
                            + " href=\"/partitions?link=").append(url((String) table.get("link")))
                    .append("&amp;table=").append(url(qualified)).append("\">partitions</a></td><td class=num>")
                    .append(table.get("lastSourceEventId") == null ? "&ndash;" : table.get("lastSourceEventId"))
                    .append("</td><td>").append(time(table.get("lastSourceCapturedAtMs"))).append("</td><td>")
                    .append(time(table.get("lastCommittedAtMs"))).append("</td><td class=num>")
                    .append(table.get("unsettledJobs")).append("</td><td class=num>")
                    .append(table.get("blockedOrFailedJobs")).append("</td></tr>");
        }
        html.append("</table>");
        if (tables.isEmpty()) {
            html.append("<p class=muted>No table matches.</p>");
        }
        return page("Tables", "/tables", html.toString());
    }

    String jobs(String state, String table, String link) {
        StringBuilder html = new StringBuilder("<h1>Jobs</h1><form method=get action=\"/jobs\">State <select"
                + " name=state id=state><option value=\"\">any</option>");
        for (JobState candidate : JobState.values()) {
            html.append("<option").append(candidate.name().equals(state) ? " selected" : "").append('>')
                    .append(candidate.name()).append("</option>");
        }
        html.append("</select> Table <input name=table id=table placeholder=\"db or db.table\" value=\"")
                .append(esc(table)).append("\"> Link <select name=link id=link><option value=\"\">any</option>");
        for (DashboardQueries.Link candidate : links) {
            html.append("<option").append(candidate.name().equals(link) ? " selected" : "").append('>')
                    .append(esc(candidate.name())).append("</option>");
        }
        html.append("</select> <button type=submit>Filter</button></form><table id=jobs><tr><th>Job</th><th>Link"
                + "</th><th>Kind</th><th>Object</th><th>State</th><th>Attempts</th><th>Source event</th>"
                + "<th>Captured</th><th>Committed</th><th>Error</th></tr>");
        List<Map<String, Object>> jobs = queries.jobs(state.toUpperCase(Locale.ROOT), table, link, 500);
        for (Map<String, Object> job : jobs) {
            html.append("<tr><td><a href=\"/jobs/").append(job.get("id")).append("\">").append(job.get("id"))
                    .append("</a></td><td>").append(esc(job.get("link"))).append("</td><td>")
                    .append(esc(job.get("kind"))).append("</td><td>").append(esc(object(job))).append("</td><td>")
                    .append(stateBadge(job.get("state"))).append("</td><td class=num>").append(job.get("attempts"))
                    .append("</td><td class=num>").append(job.get("sourceEventId")).append("</td><td>")
                    .append(time(job.get("sourceCapturedAtMs"))).append("</td><td>")
                    .append(time(job.get("committedAtMs"))).append("</td><td class=error>")
                    .append(esc(abbreviate((String) job.get("lastError")))).append("</td></tr>");
        }
        html.append("</table>");
        if (jobs.isEmpty()) {
            html.append("<p class=muted>No job matches.</p>");
        }
        return page("Jobs", "/jobs", html.toString());
    }

    @SuppressWarnings("unchecked")
    Optional<String> job(long id) {
        Optional<Map<String, Object>> found = queries.job(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> job = found.get();
        StringBuilder html = new StringBuilder("<h1>Job ").append(id).append(' ').append(stateBadge(job.get("state")))
                .append("</h1>").append(jobActions(id, (String) job.get("state"))).append("<section class=card><table>");
        row(html, "Link", esc(job.get("link")));
        row(html, "Kind", esc(job.get("kind")) + " (" + esc(job.get("origin")) + ")");
        row(html, "Object", esc(object(job)));
        row(html, "Source event", job.get("sourceEventId") + ", captured " + time(job.get("sourceCapturedAtMs")));
        row(html, "Attempts", String.valueOf(job.get("attempts")));
        row(html, "Target location", "<code>" + esc(job.get("targetLocation")) + "</code>");
        row(html, "Committed", time(job.get("committedAtMs")) + lagOf(job));
        row(html, "Error", "<span class=error id=error>" + esc(job.get("lastError")) + "</span>");
        html.append("</table></section><h2>History</h2><table id=history><tr><th>At</th><th>From</th><th>To</th>"
                + "<th>Version</th><th>Reason</th></tr>");
        for (Map<String, Object> transition : (List<Map<String, Object>>) job.get("transitions")) {
            html.append("<tr><td>").append(time(transition.get("atMs"))).append("</td><td>")
                    .append(transition.get("from") == null ? "&ndash;" : stateBadge(transition.get("from")))
                    .append("</td><td>").append(stateBadge(transition.get("to"))).append("</td><td class=num>")
                    .append(transition.get("version")).append("</td><td>").append(esc(transition.get("reason")))
                    .append("</td></tr>");
        }
        html.append("</table><h2>Files</h2>");
        List<Map<String, Object>> files = (List<Map<String, Object>>) job.get("files");
        if (files.isEmpty()) {
            html.append("<p class=muted>No file manifest.</p>");
        } else {
            html.append("<table id=files><tr><th>Task</th><th>File</th><th>Size</th><th>Copied</th>"
                    + "<th>Source checksum</th><th>Target checksum</th><th>Verification</th><th>Detail</th></tr>");
            for (Map<String, Object> file : files) {
                html.append("<tr><td class=num>").append(file.get("task")).append("</td><td><code>")
                        .append(esc(file.get("path"))).append("</code></td><td class=num>")
                        .append(bytes(file.get("sizeBytes"))).append("</td><td class=num>")
                        .append(bytes(file.get("bytesCopied"))).append("</td><td><code>")
                        .append(esc(file.get("sourceChecksum"))).append("</code></td><td><code>")
                        .append(esc(file.get("targetChecksum"))).append("</code></td><td>")
                        .append(stateBadge(file.get("verification"))).append("</td><td>")
                        .append(esc(file.get("detail"))).append("</td></tr>");
            }
            html.append("</table>");
        }
        return Optional.of(page("Job " + id, "/jobs", html.toString()));
    }

    /** Start a reconcile in the background: link, tables (none: the whole link), depth. */
    private String reconcileActions() {
        if (links.isEmpty()) {
            return "";
        }
        StringBuilder fields = new StringBuilder("Link <select id=reconcile-link data-field=link>");
        for (DashboardQueries.Link link : links) {
            fields.append("<option>").append(esc(link.name())).append("</option>");
        }
        fields.append("</select> Tables <input id=reconcile-tables data-field=tables size=24"
                + " placeholder=\"db.table db (none: the link)\"> Depth <select id=reconcile-depth data-field=depth>"
                + "<option value=\"\">default</option><option>meta</option><option>files</option><option>bytes"
                + "</option></select> ");
        return ActionScript.bar(fields.toString(), ActionScript.button("start-reconcile", "/api/reconcile",
                "Start reconcile"));
    }

    /** Retry and cancel buttons, for the states that allow them (the server checks again). */
    private static String jobActions(long id, String state) {
        StringBuilder buttons = new StringBuilder();
        if (io.strait.ops.control.OperatorActions.RETRYABLE.stream().anyMatch(s -> s.name().equals(state))) {
            buttons.append(ActionScript.button("retry-job", "/api/jobs/" + id + "/retry", "Retry"));
        }
        if (io.strait.ops.control.OperatorActions.CANCELLABLE.stream().anyMatch(s -> s.name().equals(state))) {
            buttons.append(' ').append(ActionScript.button("cancel-job", "/api/jobs/" + id + "/cancel", "Cancel"));
        }
        return buttons.length() == 0 ? "" : ActionScript.bar(buttons.toString());
    }

    @SuppressWarnings("unchecked")
    String reconcile() {
        StringBuilder html = new StringBuilder("<h1>Reconcile</h1>").append(reconcileActions())
                .append("<table id=scans><tr><th>Scan</th><th>Regions</th>"
                + "<th>Table</th><th>Depth</th><th>Status</th><th>Finished</th><th>Objects</th><th>Files</th>"
                + "<th>Divergences</th><th>In flight</th></tr>");
        List<Map<String, Object>> scans = queries.reconcile(100);
        for (Map<String, Object> scan : scans) {
            html.append("<tr><td class=num>").append(scan.get("id")).append("</td><td>").append(esc(scan.get("source")))
                    .append(" &rarr; ").append(esc(scan.get("target"))).append("</td><td>")
                    .append(esc(scan.get("database") + "." + scan.get("table"))).append("</td><td>")
                    .append(esc(scan.get("depth"))).append("</td><td>").append(stateBadge(scan.get("status")))
                    .append("</td><td>").append(time(scan.get("finishedAtMs"))).append("</td><td class=num>")
                    .append(scan.get("objectsChecked")).append("</td><td class=num>").append(scan.get("filesChecked"))
                    .append("</td><td class=num>").append(scan.get("divergenceCount")).append("</td><td class=num>")
                    .append(scan.get("inFlightCount")).append("</td></tr>");
            List<Map<String, Object>> divergences = (List<Map<String, Object>>) scan.get("divergences");
            List<Map<String, Object>> repairs = (List<Map<String, Object>>) scan.get("repairJobs");
            String error = (String) scan.get("error");
            if (!divergences.isEmpty() || !error.isEmpty()) {
                html.append("<tr><td></td><td class=wrap colspan=9>");
                if (!error.isEmpty()) {
                    html.append("<div class=error>").append(esc(error)).append("</div>");
                }
                for (Map<String, Object> divergence : divergences) {
                    html.append("<div><span class=\"state\">").append(esc(divergence.get("class")))
                            .append("</span> ").append(esc(divergence.get("partitionValues"))).append(' ')
                            .append(esc(divergence.get("path"))).append(" &mdash; ").append(esc(divergence.get("detail")))
                            .append("</div>");
                }
                if (!repairs.isEmpty()) {
                    html.append("<div class=repairs>Repair jobs:");
                    for (Map<String, Object> job : repairs) {
                        html.append(" <a href=\"/jobs/").append(job.get("id")).append("\">").append(job.get("id"))
                                .append("</a> ").append(esc(job.get("kind"))).append(' ')
                                .append(esc(job.get("partition"))).append(' ').append(stateBadge(job.get("state")));
                    }
                    html.append("</div>");
                }
                html.append("</td></tr>");
            }
        }
        html.append("</table>");
        if (scans.isEmpty()) {
            html.append("<p class=muted>No reconcile scan yet.</p>");
        }
        return page("Reconcile", "/reconcile", html.toString());
    }

    String notFound(String message) {
        return page("Not found", "", "<h1>Not found</h1><p>" + esc(message) + "</p>");
    }

    String page(String title, String here, String body) {
        StringBuilder nav = new StringBuilder();
        for (String[] item : new String[][] {{"/", "Overview"}, {"/tables", "Tables"}, {"/jobs", "Jobs"},
                {"/reconcile", "Reconcile"}}) {
            nav.append("<a href=\"").append(item[0]).append('"').append(item[0].equals(here) ? " class=here" : "")
                    .append('>').append(item[1]).append("</a>");
        }
        return "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><meta name=viewport"
                + " content=\"width=device-width,initial-scale=1\"><title>" + esc(title) + " &middot; Strait</title>"
                + "<style>" + STYLE + "</style></head><body><header><span class=brand>Strait</span>" + nav
                + "<span class=muted style=\"margin-left:auto;color:#dbe7f5\">" + time(clock.millis())
                + "</span></header><main>" + body + "</main></body></html>";
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String lagOf(Map<String, Object> job) {
        long committed = ((Number) job.get("committedAtMs")).longValue();
        return committed > 0 ? " (lag " + duration(committed - ((Number) job.get("sourceCapturedAtMs")).longValue())
                + ")" : "";
    }

    private static String object(Map<String, Object> job) {
        String table = (String) job.get("table");
        String partition = (String) job.get("partition");
        Object renamedFrom = job.get("renamedFrom");
        return job.get("database") + (table.isEmpty() ? "" : "." + table) + (partition.isEmpty() ? "" : " [" + partition
                + "]") + (renamedFrom == null || renamedFrom.toString().isEmpty() ? ""
                : " (renamed from " + renamedFrom + ")");
    }

    private static String stateBadge(Object state) {
        return "<span class=\"state " + esc(state) + "\">" + esc(state) + "</span>";
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    static String time(Object millis) {
        if (!(millis instanceof Number number) || number.longValue() <= 0) {
            return "&ndash;";
        }
        return TIME.format(Instant.ofEpochMilli(number.longValue()));
    }

    static String duration(Object millisValue) {
        long millis = millisValue instanceof Number number ? number.longValue() : 0;
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
        }
        return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }

    private static String bytes(Object value) {
        long bytes = value instanceof Number number ? number.longValue() : 0;
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double scaled = bytes;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
