package io.strait.listener;

import io.strait.common.config.Durations;
import io.strait.common.config.StoreTls;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the listener's recorder from its configuration; never fails on a bad configuration. Public for
 * {@code strait bench listener}, which measures the recorder apart from a metastore.
 */
public final class EventRecorders {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorders.class);

    private EventRecorders() {
    }

    /**
     * A recorder writing to the configured state store with a spool behind it; with an invalid configuration one
     * ERROR names every problem and the recorder only spools.
     */
    public static EventRecorder forConfig(ListenerConfig config, Clock clock) {
        StraitJson json = new StraitJson();
        EventSpool spool = openSpool(config.region(), config.spoolDirectory(), json);
        if (!config.isValid()) {
            LOG.error("Strait listener of region {} cannot write to the state store: {}. Every metastore event is"
                    + " kept in the spool {} until the settings are fixed and the metastore restarted",
                    config.region(), String.join("; ", config.problems()), spool.directory());
            return SpoolingEventRecorder.spoolOnly(config.region(), spool);
        }
        JdbcEventSink sink = new JdbcEventSink(config.connectionUrl(), config.user(), config.password(),
                config.writeTimeout(), clock, json);
        ListenerIdentity identity = ListenerIdentity.ofThisProcess();
        JdbcListenerRegistry registry = new JdbcListenerRegistry(config.connectionUrl(), config.user(),
                config.password(), config.writeTimeout(), identity, config.region(), spool.directory().toAbsolutePath().toString(),
                spool.spoolId(), clock);
        LOG.info("Strait listener of region {} records events in {} as instance {} (TLS {}, version {}, write"
                + " timeout {}, heartbeat {}, acknowledge {}, spool {})", config.region(), redacted(config.jdbcUrl()),
                identity.instanceId(), config.tls().mode() == StoreTls.Mode.UNSET ? "as the URL says"
                        : config.tls().mode().configValue(),
                identity.version(), Durations.format(config.writeTimeout()),
                Durations.format(config.heartbeatInterval()), acknowledged(config), spool.directory());
        SpoolingEventRecorder recorder = SpoolingEventRecorder.writingTo(config.region(), identity, sink, registry,
                spool, config.heartbeatInterval(), config.writeTimeout(), config.acknowledgement(),
                config.journalSyncInterval());
        Runtime.getRuntime().addShutdownHook(new Thread(recorder::markStopping,
                "strait-listener-stop-" + config.region()));
        return recorder;
    }

    private static String acknowledged(ListenerConfig config) {
        return config.acknowledgement() == Acknowledgement.JOURNALED ? "journaled, synced every "
                + Durations.format(config.journalSyncInterval()) : config.acknowledgement().configValue();
    }

    private static EventSpool openSpool(RegionId region, Path directory, StraitJson json) {
        try {
            return EventSpool.open(directory, json);
        } catch (RuntimeException e) {
            Path fallback = temporaryDirectory(region);
            LOG.error("Strait listener of region {}: {}. Spooling to {} instead; events there are replayed only"
                    + " while this metastore process runs", region, e.getMessage(), fallback);
            return EventSpool.open(fallback, json);
        }
    }

    private static Path temporaryDirectory(RegionId region) {
        try {
            return Files.createTempDirectory("strait-spool-" + region.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary spool folder", e);
        }
    }

    /** The URL without a password parameter, for logs. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
