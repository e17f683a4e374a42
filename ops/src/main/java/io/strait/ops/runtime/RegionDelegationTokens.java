package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.error.StraitException;
import io.strait.spark.DelegationTokenSource;
import io.strait.spark.DelegationTokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delegation tokens Spark needs to reach a link's Kerberos regions: for each such region, a token of every
 * filesystem its roots (and its default filesystem) name, obtained as the region's principal (renewer: the principal
 * itself). They are reused for an hour, then replaced by new ones: a namenode keeps a token valid for its renew
 * interval (24 h by default) without renewal, so a Spark job that starts within the hour has the rest of that time.
 * Tokens are not cancelled: they end by themselves, and a Spark job still running when new ones are obtained keeps
 * working.
 */
public final class RegionDelegationTokens implements DelegationTokenSource {
    /** How long tokens are reused: far within a namenode's renew interval (24 h by default). */
    static final Duration REUSE = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(RegionDelegationTokens.class);

    private final List<RegionConfig> regions;
    private final Clock clock;
    private DelegationTokens current = DelegationTokens.none();
    private Instant replaceAt = Instant.MIN;

    RegionDelegationTokens(List<RegionConfig> regions, Clock clock) {
        this.regions = List.copyOf(regions);
        this.clock = clock;
    }

    /** The tokens of the link's regions that log in with Kerberos; none when neither does. */
    public static DelegationTokenSource of(StraitConfig config, LinkConfig link) {
        List<RegionConfig> secured = Stream.of(link.source(), link.target()).distinct().map(config::region)
                .filter(region -> region.kerberos().enabled()).toList();
        return secured.isEmpty() ? DelegationTokenSource.NONE
                : new RegionDelegationTokens(secured, Clock.systemUTC());
    }

    @Override
    public synchronized DelegationTokens current() {
        Instant now = clock.instant();
        if (!now.isBefore(replaceAt)) { // never obtained (MIN), or reused for long enough
            obtain(now);
        }
        return current;
    }

    private void obtain(Instant now) {
        DelegationTokens all = DelegationTokens.none();
        for (RegionConfig region : regions) {
            Configuration hadoop = RegionClientSettings.hadoopConfiguration(region);
            RegionLogin login = RegionLogin.login(region, hadoop);
            Credentials credentials = new Credentials();
            try {
                login.call(() -> {
                    for (URI filesystem : filesystems(region, hadoop)) {
                        try (FileSystem fileSystem = FileSystem.newInstance(filesystem, hadoop)) {
                            fileSystem.addDelegationTokens(login.shortName(), credentials);
                        }
                    }
                    return null;
                });
            } catch (IOException e) {
                throw StraitException.external("Cannot obtain delegation tokens for Spark in region "
                        + region.name() + " as " + login.principalName() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StraitException.external("Interrupted while obtaining delegation tokens in region "
                        + region.name(), e);
            }
            all = all.and(DelegationTokens.of(credentials));
        }
        current = all;
        replaceAt = now.plus(REUSE);
        LOG.info("obtained delegation tokens {} for Spark; they are replaced after {}", all.services(), replaceAt);
    }

    /** The filesystems of the region's roots and its default filesystem, each once ({@code scheme://authority}). */
    static Set<URI> filesystems(RegionConfig region, Configuration hadoop) {
        Set<URI> filesystems = new LinkedHashSet<>();
        Stream.concat(region.roots().values().stream(), Stream.of(FileSystem.getDefaultUri(hadoop).toString()))
                .map(URI::create).filter(uri -> uri.getScheme() != null)
                .map(uri -> URI.create(uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority())
                        + "/"))
                .forEach(filesystems::add);
        return filesystems;
    }
}
