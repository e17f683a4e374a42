package io.strait.regionio;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ThriftMetastoreGateway} talks to a metastore.
 *
 * @param socketTimeout how long one metastore call may take before the client gives up (Thrift socket timeout)
 * @param connectionRetries how many times the client tries to open a connection before failing
 * @param connectRetryDelay the pause between connection attempts
 * @param maxClients how many Thrift connections the gateway keeps at most (concurrent calls beyond it wait)
 */
public record ThriftMetastoreSettings(Duration socketTimeout, int connectionRetries, Duration connectRetryDelay,
        int maxClients) {
    public ThriftMetastoreSettings {
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(connectRetryDelay, "connectRetryDelay");
        if (socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("socketTimeout must be positive: " + socketTimeout);
        }
        if (connectionRetries < 1 || maxClients < 1) {
            throw new IllegalArgumentException("connectionRetries and maxClients must be >= 1: "
                    + connectionRetries + ", " + maxClients);
        }
    }

    /** 60 s per call, 3 connection attempts 1 s apart, up to 4 connections. */
    public static ThriftMetastoreSettings defaults() {
        return new ThriftMetastoreSettings(Duration.ofSeconds(60), 3, Duration.ofSeconds(1), 4);
    }

    public ThriftMetastoreSettings withSocketTimeout(Duration newSocketTimeout) {
        return new ThriftMetastoreSettings(newSocketTimeout, connectionRetries, connectRetryDelay, maxClients);
    }

    public ThriftMetastoreSettings withConnectionRetries(int newConnectionRetries, Duration newConnectRetryDelay) {
        return new ThriftMetastoreSettings(socketTimeout, newConnectionRetries, newConnectRetryDelay, maxClients);
    }

    public ThriftMetastoreSettings withMaxClients(int newMaxClients) {
        return new ThriftMetastoreSettings(socketTimeout, connectionRetries, connectRetryDelay, newMaxClients);
    }
}
