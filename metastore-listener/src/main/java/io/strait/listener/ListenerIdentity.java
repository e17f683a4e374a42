package io.strait.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;

/**
 * Who a listener instance is: one per metastore process start, {@code host:pid:uuid}, so that two processes (or two
 * starts of one) never share an identity and each numbers its events on its own.
 *
 * @param instanceId {@code host:pid:uuid}, unique
 * @param host the host name
 * @param version the listener's version (from the jar's manifest, {@code dev} when run from classes)
 */
record ListenerIdentity(String instanceId, String host, String version) {
    ListenerIdentity {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
    }

    /** The identity of this process's listener. */
    static ListenerIdentity ofThisProcess() {
        String host = hostName();
        String instance = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString()
                .substring(0, 8);
        String version = Objects.requireNonNullElse(
                ListenerIdentity.class.getPackage().getImplementationVersion(), "dev");
        return new ListenerIdentity(instance, host, version);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
