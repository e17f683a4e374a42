package io.strait.listener;

import io.strait.common.config.Durations;
import io.strait.common.config.StoreTls;
import io.strait.common.region.RegionId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The listener's settings, read from the metastore configuration. Reading never fails: every problem is collected
 * in {@link #problems()} (the listener then spools everything and logs them), and a usable value stands in.
 *
 * @param region the configured region, or {@link #UNCONFIGURED_REGION} when {@code strait.region} is missing
 * @param jdbcUrl the state store URL, empty when missing
 * @param problems one line per missing or invalid setting, naming the key and the fix
 */
public record ListenerConfig(RegionId region, String jdbcUrl, String user, String password, StoreTls tls,
        Duration writeTimeout, Path spoolDirectory, Duration replayInterval, Duration heartbeatInterval,
        Acknowledgement acknowledgement, Duration journalSyncInterval, List<String> problems) {
    /** Stands in for the region while {@code strait.region} is missing; replay assigns the configured region. */
    public static final RegionId UNCONFIGURED_REGION = RegionId.of("unconfigured-region");

    public ListenerConfig {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(replayInterval, "replayInterval");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        Objects.requireNonNull(journalSyncInterval, "journalSyncInterval");
        problems = List.copyOf(problems);
    }

    /**
     * Reads a password setting: a key to its value, or null when unset. The metastore's is Hadoop's
     * {@code Configuration.getPassword}: the credential providers of {@code hadoop.security.credential.provider.path}
     * (e.g. a JCEKS file) first, then the configuration value itself.
     */
    @FunctionalInterface
    public interface PasswordLookup {
        String password(String key) throws java.io.IOException;
    }

    /** Reads the settings through {@code settings} (a key to its value, or null when unset), passwords included. */
    public static ListenerConfig read(UnaryOperator<String> settings) {
        return read(settings, settings::apply);
    }

    /** Reads the settings through {@code settings} and the password through {@code passwords}. */
    public static ListenerConfig read(UnaryOperator<String> settings, PasswordLookup passwords) {
        List<String> problems = new ArrayList<>();
        RegionId region = region(settings, problems);
        String jdbcUrl = jdbcUrl(settings, problems);
        Duration writeTimeout = duration(settings, ListenerSetting.WRITE_TIMEOUT, problems);
        Duration replayInterval = duration(settings, ListenerSetting.REPLAY_INTERVAL, problems);
        Duration heartbeatInterval = duration(settings, ListenerSetting.HEARTBEAT_INTERVAL, problems);
        Acknowledgement acknowledgement = acknowledgement(settings, problems);
        Duration journalSyncInterval = duration(settings, ListenerSetting.JOURNAL_SYNC_INTERVAL, problems);
        Path spool = spoolDirectory(settings, region);
        String password = password(passwords, ListenerSetting.STORE_PASSWORD, problems);
        StoreTls tls = tls(settings, passwords, jdbcUrl, problems);
        return new ListenerConfig(region, jdbcUrl, value(settings, ListenerSetting.STORE_USER), password, tls,
                writeTimeout, spool, replayInterval, heartbeatInterval, acknowledgement, journalSyncInterval,
                problems);
    }

    /** {@code strait.listener.acknowledge}: durable or journaled. */
    private static Acknowledgement acknowledgement(UnaryOperator<String> settings, List<String> problems) {
        String text = value(settings, ListenerSetting.ACKNOWLEDGE);
        Optional<Acknowledgement> mode = Acknowledgement.of(text);
        if (mode.isEmpty()) {
            problems.add(ListenerSetting.ACKNOWLEDGE.key() + " '" + text + "' is not an acknowledgement mode: write "
                    + Acknowledgement.accepted());
        }
        return mode.orElse(Acknowledgement.DURABLE);
    }

    /** The URL the listener connects with: {@link #jdbcUrl} and the TLS settings' driver properties. */
    public String connectionUrl() {
        return tls.appendTo(jdbcUrl);
    }

    /** {@code strait.store.tls.*}: Strait's {@code store.tls} rules, as metastore settings. */
    private static StoreTls tls(UnaryOperator<String> settings, PasswordLookup passwords, String jdbcUrl,
            List<String> problems) {
        String modeText = value(settings, ListenerSetting.STORE_TLS_MODE);
        if (modeText.isEmpty()) {
            return StoreTls.UNSET;
        }
        StoreTls.Mode mode = StoreTls.modeOf(modeText).orElse(null);
        if (mode == null) {
            problems.add(ListenerSetting.STORE_TLS_MODE.key() + " '" + modeText + "' is not a TLS mode: write"
                    + " disabled, preferred, required, verify-ca or verify-identity");
            mode = StoreTls.Mode.PREFERRED;
        }
        String trustStore = storeFile(settings, ListenerSetting.STORE_TLS_TRUST_STORE, problems);
        String keyStore = storeFile(settings, ListenerSetting.STORE_TLS_KEY_STORE, problems);
        if (!trustStore.isEmpty() && !mode.verifies()) {
            problems.add(ListenerSetting.STORE_TLS_TRUST_STORE.key() + " is not used with "
                    + ListenerSetting.STORE_TLS_MODE.key() + " " + mode.configValue() + ": set the mode to verify-ca"
                    + " or verify-identity, or remove the trust store");
        }
        if (StoreTls.urlSetsTls(jdbcUrl)) {
            problems.add(ListenerSetting.STORE_JDBC_URL.key() + " sets TLS parameters while "
                    + ListenerSetting.STORE_TLS_MODE.key() + " is set: remove them from the URL (one place)");
        }
        return new StoreTls(mode, trustStore,
                password(passwords, ListenerSetting.STORE_TLS_TRUST_STORE_PASSWORD, problems),
                storeType(settings, ListenerSetting.STORE_TLS_TRUST_STORE_TYPE, problems), keyStore,
                password(passwords, ListenerSetting.STORE_TLS_KEY_STORE_PASSWORD, problems),
                storeType(settings, ListenerSetting.STORE_TLS_KEY_STORE_TYPE, problems));
    }

    private static String storeFile(UnaryOperator<String> settings, ListenerSetting setting, List<String> problems) {
        String path = value(settings, setting);
        if (!path.isEmpty() && !java.nio.file.Files.isReadable(Path.of(path))) {
            problems.add(setting.key() + " '" + path + "' cannot be read: point it at a store file (PKCS12 or JKS)"
                    + " the metastore process can read");
        }
        return path;
    }

    private static String storeType(UnaryOperator<String> settings, ListenerSetting setting, List<String> problems) {
        String type = value(settings, setting).toUpperCase(java.util.Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            problems.add(setting.key() + " '" + type + "' is not a store type: write PKCS12 or JKS");
            return setting.defaultValue();
        }
        return type;
    }

    /** True when every setting is usable: the listener writes to the state store. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    private static String password(PasswordLookup passwords, ListenerSetting setting, List<String> problems) {
        String key = setting.key();
        try {
            return Objects.requireNonNullElse(passwords.password(key), "");
        } catch (java.io.IOException | RuntimeException e) {
            problems.add(key + " cannot be read from the credential providers of"
                    + " hadoop.security.credential.provider.path (" + e.getMessage() + "): check the provider path,"
                    + " that the metastore can read the keystore file, and its keystore password"
                    + " (HADOOP_CREDSTORE_PASSWORD or hadoop.security.credstore.java-keystore-provider.password-file)");
            return "";
        }
    }

    private static RegionId region(UnaryOperator<String> settings, List<String> problems) {
        String name = value(settings, ListenerSetting.REGION);
        if (RegionId.isValid(name)) {
            return RegionId.of(name);
        }
        problems.add(name.isEmpty()
                ? "strait.region is not set: set it to this metastore's region name (e.g. us-east)"
                : "strait.region '" + name + "' is invalid: use lower case letters, digits and dashes");
        return UNCONFIGURED_REGION;
    }

    private static String jdbcUrl(UnaryOperator<String> settings, List<String> problems) {
        String url = value(settings, ListenerSetting.STORE_JDBC_URL);
        if (url.isEmpty()) {
            problems.add("strait.store.jdbc-url is not set: set it to the state store's JDBC URL"
                    + " (e.g. jdbc:mysql://state-db:3306/strait)");
        } else if (!url.startsWith("jdbc:")) {
            problems.add("strait.store.jdbc-url '" + url + "' is not a JDBC URL: it must start with jdbc:");
        }
        return url;
    }

    private static Duration duration(UnaryOperator<String> settings, ListenerSetting setting,
            List<String> problems) {
        String text = value(settings, setting);
        Duration fallback = Durations.parse(setting.defaultValue());
        try {
            Duration parsed = Durations.parse(text);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is not positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            problems.add(setting.key() + ": " + e.getMessage() + "; use e.g. " + setting.defaultValue());
            return fallback;
        }
    }

    private static Path spoolDirectory(UnaryOperator<String> settings, RegionId region) {
        String configured = value(settings, ListenerSetting.SPOOL_DIRECTORY);
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "strait-spool-" + region.name());
    }

    private static String value(UnaryOperator<String> settings, ListenerSetting setting) {
        String value = settings.apply(setting.key());
        if (value == null || value.isBlank()) {
            return setting.defaultValue() == null ? "" : setting.defaultValue();
        }
        return value.trim();
    }
}
