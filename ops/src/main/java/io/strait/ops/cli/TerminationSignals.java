package io.strait.ops.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as a request to stop gracefully rather than as JVM shutdown: the handler only calls back, so
 * {@code strait run} stops claiming, lets running jobs finish, gives back leases and then exits with its own exit
 * code (0 or 1), not 143. Uses {@code sun.misc.Signal} (module jdk.unsupported); where it is missing, the caller
 * falls back to a shutdown hook.
 *
 * <p>Signals belong to the whole JVM, and the CLI may run inside another program (e.g. a test, or beside a library
 * that installs handlers of its own) with several commands registered at once whose registrations end in any order.
 * So one dispatching handler calls every open registration's callback; each registration puts it on top again;
 * closing a registration removes only its own callback, and the handlers the JVM had before the first registration
 * are put back when the last one closes. (Putting back "the previous handler" per registration would let a command
 * that ends late take the signal away from one that started after it.)
 */
final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);
    private static final String[] SIGNALS = {"TERM", "INT"};
    /** The open registrations' callbacks; the JVM's signals are a process-wide resource, so this is too. */
    private static final List<Runnable> CALLBACKS = new CopyOnWriteArrayList<>();
    /** The handlers before the first open registration, put back when the last one closes; empty: none open. */
    private static final Map<sun.misc.Signal, sun.misc.SignalHandler> PREVIOUS = new LinkedHashMap<>();
    /**
     * Signals this process ignores and the JVM therefore will not handle: a process started with a signal ignored
     * (e.g. SIGINT for a command started in the background by a shell without job control, or under {@code nohup}
     * for SIGHUP) keeps ignoring it, as Unix intends.
     */
    private static final Set<String> IGNORED = ConcurrentHashMap.newKeySet();

    private TerminationSignals() {
    }

    /** Calls {@code onSignal} on SIGTERM and SIGINT until closed; empty when this JVM cannot handle signals. */
    static Optional<AutoCloseable> onTermination(Runnable onSignal) {
        synchronized (CALLBACKS) {
            if (!install()) {
                return Optional.empty();
            }
            CALLBACKS.add(onSignal);
        }
        return Optional.of(() -> close(onSignal));
    }

    /** True when a registration receives the signal named {@code name} (TERM, INT): this process does not ignore it. */
    static boolean handles(String name) {
        return !IGNORED.contains(name);
    }

    /** Callbacks registered now (for tests). */
    static int registrations() {
        return CALLBACKS.size();
    }

    /**
     * Puts the dispatching handler on top at every registration (a library may have put its own handler over it
     * since: the newest registration must get the signal); remembers the handlers from before the first one.
     */
    private static boolean install() {
        try {
            for (String name : SIGNALS) {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler before = sun.misc.Signal.handle(signal, DISPATCHER);
                if (before == sun.misc.SignalHandler.SIG_IGN && IGNORED.add(name)) {
                    LOG.debug("SIG{} is ignored by this process (it was started so): only the other signal stops it"
                            + " gracefully", name);
                }
                if (CALLBACKS.isEmpty() && !PREVIOUS.containsKey(signal)) {
                    PREVIOUS.put(signal, before);
                }
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            if (CALLBACKS.isEmpty()) {
                restore();
            }
            LOG.warn("cannot handle SIGTERM in this JVM ({}); a shutdown hook stops replication instead",
                    e.getMessage());
            return false;
        }
    }

    private static final sun.misc.SignalHandler DISPATCHER = received -> {
        LOG.info("SIG{} received: stopping gracefully", received.getName());
        CALLBACKS.forEach(Runnable::run);
    };

    private static void close(Runnable onSignal) {
        synchronized (CALLBACKS) {
            if (CALLBACKS.remove(onSignal) && CALLBACKS.isEmpty()) {
                restore();
            }
        }
    }

    private static void restore() {
        PREVIOUS.forEach(sun.misc.Signal::handle);
        PREVIOUS.clear();
    }
}
