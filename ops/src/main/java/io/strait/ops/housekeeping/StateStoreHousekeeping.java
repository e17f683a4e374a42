package io.strait.ops.housekeeping;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RetentionConfig;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.sql.housekeeping.JdbcHousekeeping;
import io.strait.sql.housekeeping.JdbcRecordHousekeeping;
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
    private final JdbcRecordHousekeeping records;
    private final Clock clock;

    public StateStoreHousekeeping(StraitConfig config, DataSource stateStore, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.housekeeping = new JdbcHousekeeping(stateStore, clock);
        this.records = new JdbcRecordHousekeeping(stateStore);
        this.clock = clock;
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
        Result result = run(false);
        if (result.deletedAnything()) {
            LOG.info("housekeeping: {}", result.summary());
        } else {
            LOG.debug("housekeeping: {}", result.summary());
        }
    }

    /** What one run of the state store's housekeeping did: events and jobs, then reconcile and alert records. */
    public record Result(JdbcHousekeeping.Result store, JdbcRecordHousekeeping.Result records) {
        public boolean deletedAnything() {
            return store.events() > 0 || store.jobs() > 0 || store.objectOrders() > 0 || records.scans() > 0
                    || records.alerts() > 0;
        }

        public String summary() {
            return store.summary() + ", " + records.summary();
        }
    }

    /** One run; with {@code dryRun} nothing is deleted and the result counts what would be. */
    public Result run(boolean dryRun) {
        RetentionConfig retention = config.store().retention();
        JdbcHousekeeping.Result store = housekeeping.run(linksByRegion(config), retention.events(),
                retention.finishedJobs(), retention.batchSize(), dryRun);
        return new Result(store, records.run(clock.millis() - retention.records().toMillis(), retention.batchSize(),
                dryRun));
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
