package io.strait.ops.web;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.ops.runtime.RegionLogins;
import io.strait.sql.dashboard.DashboardQueries;
import io.strait.sql.quartz.QuartzMembers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The probes of {@code /health}: the state store (a trivial query), each configured region's metastore (listing
 * its databases, {@link MetastoreProbe}), and the scheduler (a member of the Quartz cluster checked in within
 * {@link QuartzMembers#LIVE_WITHIN}).
 */
public final class HealthProbes {
    private HealthProbes() {
    }

    /** Only the state store (what a bare dashboard can tell). */
    public static List<HealthProbe> stateStore(DataSource dataSource) {
        DashboardQueries queries = new DashboardQueries(dataSource);
        return List.of(probe("stateStore", queries::reachable));
    }

    /** The state store, every region's metastore and the Quartz cluster {@code schedulerName}. */
    public static List<HealthProbe> all(StraitConfig config, DataSource dataSource, String schedulerName,
            Clock clock) {
        List<HealthProbe> probes = new ArrayList<>(stateStore(dataSource));
        RegionLogins logins = new RegionLogins();
        for (RegionConfig region : config.regions().values().stream()
                .sorted(java.util.Comparator.comparing(region -> region.name().name())).toList()) {
            probes.add(new MetastoreProbe(region, logins));
        }
        QuartzMembers members = new QuartzMembers(dataSource, clock);
        probes.add(probe("scheduler", () -> members.live(schedulerName) > 0));
        return probes;
    }

    private static HealthProbe probe(String name, java.util.function.BooleanSupplier check) {
        return new HealthProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean up() {
                try {
                    return check.getAsBoolean();
                } catch (RuntimeException e) {
                    return false;
                }
            }
        };
    }
}
