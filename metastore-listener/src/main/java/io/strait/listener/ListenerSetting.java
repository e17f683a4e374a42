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
    STORE_TLS_MODE("strait.store.tls.mode", "", "TLS to the state store, as Strait's store.tls.mode: disabled,"
            + " preferred, required, verify-ca (the server's certificate checked against the trust store) or"
            + " verify-identity (verify-ca, and the certificate names the URL's host). Unset: the JDBC URL and the"
            + " driver's default decide; set: the URL must not set TLS parameters itself."),
    STORE_TLS_TRUST_STORE("strait.store.tls.trust-store", "", "Trust store (PKCS12 or JKS) with the CA certificate"
            + " of the state store server, for verify-ca and verify-identity; unset: the JVM's default CAs."),
    STORE_TLS_TRUST_STORE_PASSWORD("strait.store.tls.trust-store-password", "", "Password of the trust store, read"
            + " with Configuration.getPassword like strait.store.password (credential providers first)."),
    STORE_TLS_TRUST_STORE_TYPE("strait.store.tls.trust-store-type", "PKCS12", "PKCS12 or JKS."),
    STORE_TLS_KEY_STORE("strait.store.tls.key-store", "", "Key store with the listener's client certificate and key,"
            + " for a server that requires client certificates (mutual TLS)."),
    STORE_TLS_KEY_STORE_PASSWORD("strait.store.tls.key-store-password", "", "Password of the key store, read with"
            + " Configuration.getPassword like strait.store.password (credential providers first)."),
    STORE_TLS_KEY_STORE_TYPE("strait.store.tls.key-store-type", "PKCS12", "PKCS12 or JKS."),
    WRITE_TIMEOUT("strait.listener.write-timeout", "2s",
            "The write budget (with strait.listener.acknowledge durable): longest a metastore call waits for its"
                    + " event's group commit in the state store before the event (with every other one not"
                    + " acknowledged yet) is spooled; in both modes also the connect and socket timeout of the"
                    + " listener's store connections."),
    ACKNOWLEDGE("strait.listener.acknowledge", "durable",
            "When a metastore call may return: durable (after its event is committed in the state store, or appended"
                    + " and fsynced to the spool once the write budget ran out) or journaled (after its event is"
                    + " appended to the local journal, without waiting for the store or the disk: survives a"
                    + " metastore process crash; an OS crash or power loss may lose the events of the last"
                    + " strait.listener.journal-sync-interval)."),
    JOURNAL_SYNC_INTERVAL("strait.listener.journal-sync-interval", "100ms",
            "With strait.listener.acknowledge journaled: how often the journal is forced to disk and the progress of"
                    + " the store writes recorded in it; the most an OS crash or power loss can lose."),
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
