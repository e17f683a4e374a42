package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.region.RegionId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kerberos logins of the regions one component connects to again and again (the dashboard's metastore probes, the
 * reconciles it starts): each region is logged in from its keytab at its first connection and the login is kept; its
 * ticket is renewed from the keytab when it nears its end ({@link RegionLogin#call}). A connection that fails and is
 * tried again does not log in again. Regions without {@code regions.<name>.kerberos} have no login.
 */
public final class RegionLogins {
    private final Map<RegionId, RegionLogin> logins = new ConcurrentHashMap<>();

    /** The region's login, made at the first call; empty for a region without Kerberos. */
    Optional<RegionLogin> of(RegionConfig region) {
        if (!region.kerberos().enabled()) {
            return Optional.empty();
        }
        return Optional.of(logins.computeIfAbsent(region.name(),
                name -> RegionLogin.login(region, RegionClientSettings.hadoopConfiguration(region))));
    }
}
