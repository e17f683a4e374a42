package io.strait.sql.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Names of lease holders: {@code host:pid:uuid}, new for every process (and every store built without one). */
public final class LeaseOwners {
    private LeaseOwners() {
    }

    public static String newOwner() {
        return host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
