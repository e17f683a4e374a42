package io.strait.listener;

/**
 * Every setting the listener reads from the metastore's configuration ({@code metastore-site.xml} or
 * {@code hive-site.xml}), declared once with its default and meaning.
 */
public enum ListenerSetting {
    REGION("strait.region", null,
            "Name of the region this metastore serves (lower case letters, digits, dashes), e.g. us-east."),
    STORE_JDBC_URL("strait.store.jdbc-url", null,
            "JDBC URL of Strait's state store, e.g. jdbc:mysql://state-db:3306/strait."),
    STORE_USER("strait.store.user", "", "User of the state store."),
    STORE_PASSWORD("strait.store.password", "", "Password of the state store, read with Hadoop's"
            + " Configuration.getPassword: from the credential providers of hadoop.security.credential.provider.path"
            + " (e.g. jceks://file/etc/hive/strait.jceks) first, else this setting's clear-text value."),
    WRITE_TIMEOUT("strait.listener.write-timeout", "2s",
            "The write budget: longest a metastore call waits for its event's group commit in the state store before"
                    + " the event (with every other one not acknowledged yet) is spooled; also the connect and socket"
                    + " timeout of the listener's store connections."),
    SPOOL_DIRECTORY("strait.listener.spool-directory", null,
            "Local folder of the durable spool; default <java.io.tmpdir>/strait-spool-<region>. Use a folder that"
                    + " survives restarts and belongs to this metastore process alone."),
    REPLAY_INTERVAL("strait.listener.replay-interval", "10s",
            "How often spooled events are replayed into the state store while it is unreachable and no heartbeat"
                    + " reaches it (listeners without heartbeats: tests)."),
    HEARTBEAT_INTERVAL("strait.listener.heartbeat-interval", "1s",
            "How often the listener records its heartbeat (last contact, latest sequence number, spool depth) in"
                    + " the state store, and probes the store while it is unreachable. A reader waits at most this"
                    + " long for an idle listener to prove that a missing event id is not one of its writes.");

    private final String key;
    private final String defaultValue;
    private final String description;

    ListenerSetting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The default, or null when the setting is required or its default is derived. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
