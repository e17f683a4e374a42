package io.strait.ops.web;

import static io.strait.ops.web.Pages.esc;
import static io.strait.ops.web.Pages.time;

import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.report.Lateness;
import java.util.List;
import java.util.Map;

/** The "Why is this late?" page of one table or partition: the reason, its facts and the SLA judgement. */
final class WhyPage {
    private WhyPage() {
    }

    /** The form alone (no table asked yet, or a bad one: {@code error}). */
    static String form(Pages pages, List<LinkConfig> links, String link, String table, String partition,
            String error) {
        return pages.page("Why", "/tables", "<h1>Why is this late?</h1>" + form(links, link, table, partition)
                + (error.isEmpty() ? "" : "<p class=error id=why-error>" + esc(error) + "</p>"));
    }

    static String answer(Pages pages, List<LinkConfig> links, String link, String table, String partition,
            Lateness lateness) {
        StringBuilder html = new StringBuilder("<h1>Why is <code>").append(esc(lateness.object()))
                .append("</code> late?</h1>").append(form(links, link, table, partition))
                .append("<section class=card><p><span class=\"state ").append(lateness.reason().name())
                .append("\" id=why-reason>").append(lateness.reason().name()).append("</span> <span id=why-summary>")
                .append(esc(lateness.summary())).append("</span></p><p>SLA: <span class=\"state ")
                .append(lateness.sla().state().name()).append("\" id=why-sla>").append(lateness.sla().state().name())
                .append("</span> ").append(esc(lateness.sla().why())).append("</p><table id=why-details>");
        for (Map.Entry<String, Object> detail : lateness.details().entrySet()) {
            html.append("<tr><th>").append(esc(detail.getKey())).append("</th><td class=wrap>")
                    .append(value(detail.getKey(), detail.getValue())).append("</td></tr>");
        }
        html.append("</table></section>");
        return pages.page("Why " + lateness.object(), "/tables", html.toString());
    }

    private static String value(String name, Object value) {
        if (name.endsWith("AtMs") && value instanceof Number) {
            return time(value);
        }
        if ((name.equals("jobId") || name.equals("holderJobId")) && value instanceof Number id) {
            return "<a href=\"/jobs/" + id.longValue() + "\">" + id.longValue() + "</a>";
        }
        return esc(value);
    }

    private static String form(List<LinkConfig> links, String link, String table, String partition) {
        StringBuilder html = new StringBuilder("<form method=get action=\"/why\">Table <input name=table id=why-table"
                + " placeholder=\"db.table\" value=\"").append(esc(table)).append("\"> Partition <input name=partition"
                + " id=why-partition placeholder=\"k=v/k2=v2\" value=\"").append(esc(partition))
                .append("\"> Link <select name=link id=why-link>");
        for (LinkConfig candidate : links) {
            html.append("<option").append(candidate.name().equals(link) ? " selected" : "").append('>')
                    .append(esc(candidate.name())).append("</option>");
        }
        return html.append("</select> <button type=submit id=why-button>Why?</button></form>").toString();
    }
}
