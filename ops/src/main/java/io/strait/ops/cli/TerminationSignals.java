package io.strait.ops.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as a request to stop gracefully rather than as JVM shutdown: the handler only calls back, so
 * {@code strait run} stops claiming, lets running jobs finish, gives back leases and then exits with its own exit
 * code (0 or 1), not 143. Uses {@code sun.misc.Signal} (module jdk.unsupported); where it is missing, the caller
 * falls back to a shutdown hook. Closing the returned handle puts the previous handlers back (the CLI may run
 * inside another program, e.g. a test).
 */
final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {
    }

    /** Calls {@code onSignal} on SIGTERM and SIGINT until closed; empty when this JVM cannot handle signals. */
    static Optional<AutoCloseable> onTermination(Runnable onSignal) {
        Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new LinkedHashMap<>();
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                previous.put(signal, sun.misc.Signal.handle(signal, received -> {
                    LOG.info("SIG{} received: stopping gracefully", received.getName());
                    onSignal.run();
                }));
            }
            return Optional.of(() -> previous.forEach(sun.misc.Signal::handle));
        } catch (IllegalArgumentException | LinkageError e) {
            previous.forEach(sun.misc.Signal::handle);
            LOG.warn("cannot handle SIGTERM in this JVM ({}); a shutdown hook stops replication instead",
                    e.getMessage());
            return Optional.empty();
        }
    }
}
