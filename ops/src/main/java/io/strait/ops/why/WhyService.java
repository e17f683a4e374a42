package io.strait.ops.why;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.error.StraitException;
import io.strait.common.report.Lateness;
import io.strait.common.report.LatenessExplainer;
import io.strait.scheduler.cycle.RetrySchedule;
import io.strait.sql.dashboard.DashboardQueries;
import io.strait.sql.dashboard.LatenessSnapshots;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Why is this late?" for one table or partition, the one place {@code /api/why}, the Why page and
 * {@code strait why} ask: reads the snapshot from the state store ({@link LatenessSnapshots}) and lets the pure
 * {@link LatenessExplainer} decide. Bad input (no such link, a name that is not {@code DB.TABLE}) throws a user
 * error naming the fix.
 */
public final class WhyService {
    private static final Logger LOG = LoggerFactory.getLogger(WhyService.class);

    private final StraitConfig config;
    private final LatenessSnapshots snapshots;
    private final RetrySchedule retries;

    public WhyService(StraitConfig config, DataSource dataSource, Clock clock) {
        this.config = config;
        this.snapshots = new LatenessSnapshots(dataSource, clock);
        this.retries = new RetrySchedule(config.scheduler().retryBackoff(), config.scheduler().retryBackoffMax());
    }

    /**
     * Explains {@code table} ({@code DB.TABLE}) or one of its partitions ({@code partition}: a Hive partition name
     * such as {@code ds=2024-01-01/hr=03}, or its values; empty: the table) on {@code linkName} (empty: the only
     * link).
     */
    public Lateness explain(String linkName, String table, String partition) {
        Lateness lateness = answer(linkName, table, partition);
        LOG.info("why {} on link {}: {} ({}): {}", lateness.object(), lateness.link(), lateness.reason(),
                lateness.sla().state(), lateness.summary());
        return lateness;
    }

    /** As {@link #explain}, without its log line (for callers that log their own outcome, e.g. an SLA alert). */
    public Lateness answer(String linkName, String table, String partition) {
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            throw StraitException.userError("'" + table + "' is not a table: name it DB.TABLE, e.g. sales.orders");
        }
        LinkConfig link = link(linkName);
        Lateness lateness = LatenessExplainer.explain(snapshots.read(new DashboardQueries.Link(link.name(),
                link.source().name(), link.target().name(), link.sla()), table.substring(0, dot),
                table.substring(dot + 1), partition.trim(), retries::backoff));
        return lateness;
    }

    /** Splits {@code DB.TABLE/k=v/k2=v2} into the table and the partition name (empty when none). */
    public static String[] splitTarget(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? new String[] {target, ""} : new String[] {target.substring(0, slash),
                target.substring(slash + 1)};
    }

    private LinkConfig link(String name) {
        List<LinkConfig> links = config.links();
        if (name == null || name.isBlank()) {
            if (links.size() == 1) {
                return links.get(0);
            }
            throw StraitException.userError("the configuration has " + links.size() + " links: name one with"
                    + " link (" + links.stream().map(LinkConfig::name).toList() + ")");
        }
        return config.link(name.trim()).orElseThrow(() -> StraitException.userError("no link '" + name
                + "' in the configuration; links: " + links.stream().map(LinkConfig::name).toList()));
    }

    /** The stable JSON form of an answer (docs/API.md, {@code GET /api/why}). */
    public static Map<String, Object> json(Lateness lateness) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("link", lateness.link());
        answer.put("object", lateness.object());
        answer.put("reason", lateness.reason().name());
        answer.put("summary", lateness.summary());
        answer.put("details", lateness.details());
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("state", lateness.sla().state().name());
        sla.put("waiting", lateness.sla().waiting());
        sla.put("lagMs", lateness.sla().lagMillis());
        sla.put("deadlineMs", lateness.sla().deadlineMillis().isPresent()
                ? lateness.sla().deadlineMillis().getAsLong() : null);
        sla.put("why", lateness.sla().why());
        answer.put("sla", sla);
        return answer;
    }
}
