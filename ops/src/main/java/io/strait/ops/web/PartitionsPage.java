package io.strait.ops.web;

import static io.strait.ops.web.Pages.duration;
import static io.strait.ops.web.Pages.esc;
import static io.strait.ops.web.Pages.time;
import static io.strait.ops.web.Pages.url;

import java.util.List;
import java.util.Map;

/**
 * The partitions of one table on one link, as {@code /api/partitions} gives them: per partition its status ("waiting
 * since", "no change since", "needs an operator"), SLA state, lag, watermark and jobs, with a "why?" link.
 */
final class PartitionsPage {
    private PartitionsPage() {
    }

    static String render(Pages pages, String link, String table, String search, List<Map<String, Object>> partitions,
            int limit) {
        StringBuilder html = new StringBuilder("<h1>Partitions of <code>").append(esc(table)).append("</code> on ")
                .append(esc(link)).append("</h1><form method=get action=\"/partitions\"><input type=hidden name=link"
                        + " value=\"").append(esc(link)).append("\"><input type=hidden name=table value=\"")
                .append(esc(table)).append("\"><input name=search id=partition-search placeholder=\"values contain\""
                        + " value=\"").append(esc(search)).append("\"> <button type=submit id=partition-search-button>"
                        + "Search</button></form><table id=partitions><tr><th>Partition</th><th>Status</th>"
                        + "<th>SLA</th><th>Lag</th><th></th><th title=\"newest source event applied\">Event applied"
                        + "</th><th>Event captured</th><th>Committed</th><th>Unsettled</th><th>Failed/ blocked</th>"
                        + "</tr>");
        for (Map<String, Object> partition : partitions) {
            String name = (String) partition.get("partition");
            String status = (String) partition.get("status");
            html.append("<tr data-partition=\"").append(esc(name)).append("\"><td>").append(esc(name))
                    .append("</td><td><span class=\"state status ").append(esc(status)).append("\">")
                    .append(statusText(status, partition)).append("</span></td><td><span class=\"state sla ")
                    .append(esc(partition.get("sla"))).append("\" title=\"").append(esc(partition.get("slaWhy")))
                    .append("\">").append(esc(partition.get("sla"))).append("</span></td><td class=\"num lag\">")
                    .append(duration(partition.get("lagMs"))).append("</td><td><a class=why href=\"/why?link=")
                    .append(url(link)).append("&amp;table=").append(url(table)).append("&amp;partition=")
                    .append(url(name)).append("\">why?</a></td><td class=num>")
                    .append(partition.get("lastSourceEventId") == null ? "&ndash;"
                            : partition.get("lastSourceEventId"))
                    .append("</td><td>").append(time(partition.get("lastSourceCapturedAtMs"))).append("</td><td>")
                    .append(time(partition.get("lastCommittedAtMs"))).append("</td><td class=num>")
                    .append(partition.get("unsettledJobs")).append("</td><td class=num>")
                    .append(partition.get("blockedOrFailedJobs")).append("</td></tr>");
        }
        html.append("</table>");
        if (partitions.isEmpty()) {
            html.append("<p class=muted>No partition of this table has a replicated change or a job.</p>");
        } else if (partitions.size() >= limit) {
            html.append("<p class=muted>The first ").append(limit).append(" partitions (waiting first); search to"
                    + " narrow down.</p>");
        }
        return pages.page("Partitions of " + table, "/tables", html.toString());
    }

    static String statusText(String status, Map<String, Object> row) {
        return switch (status) {
            case "WAITING" -> "waiting since " + time(row.get("waitingSinceMs"));
            case "NEEDS_OPERATOR" -> "needs an operator";
            default -> row.get("lastSourceCapturedAtMs") == null ? "no change recorded"
                    : "no change since " + time(row.get("lastSourceCapturedAtMs"));
        };
    }
}
