package io.strait.ops.housekeeping;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RetentionConfig;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.sql.housekeeping.JdbcHousekeeping;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of the state store with the configured retention ({@code store.retention}): run by {@code strait run}
 * every {@code store.retention.interval} as a {@link PeriodicTask} (one run at a time across the Quartz cluster),
 * and on demand by {@code strait housekeeping}. What it keeps: {@link JdbcHousekeeping}.
 */
public final class StateStoreHousekeeping implements PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(StateStoreHousekeeping.class);

    private final StraitConfig config;
    private final JdbcHousekeeping housekeeping;

    public StateStoreHousekeeping(StraitConfig config, DataSource stateStore, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.housekeeping = new JdbcHousekeeping(stateStore, clock);
    }

    @Override
    public String name() {
        return "housekeeping";
    }

    @Override
    public Duration interval() {
        return config.store().retention().interval();
    }

    @Override
    public void runOnce() {
        JdbcHousekeeping.Result result = run(false);
        if (result.events() > 0 || result.jobs() > 0) {
            LOG.info("housekeeping: {}", result.summary());
        } else {
            LOG.debug("housekeeping: {}", result.summary());
        }
    }

    /** One run; with {@code dryRun} nothing is deleted and the result counts what would be. */
    public JdbcHousekeeping.Result run(boolean dryRun) {
        RetentionConfig retention = config.store().retention();
        return housekeeping.run(linksByRegion(config), retention.events(), retention.finishedJobs(),
                retention.batchSize(), dryRun);
    }

    /** The configured links reading each source region. */
    static Map<String, List<String>> linksByRegion(StraitConfig config) {
        Map<String, List<String>> links = new LinkedHashMap<>();
        for (LinkConfig link : config.links()) {
            links.computeIfAbsent(link.source().name(), region -> new ArrayList<>()).add(link.name());
        }
        return links;
    }
}
