package io.strait.sql.job;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this process holds, in memory: the fencing token of each such job, by job id. Claims add to it, moves
 * ({@link Changes}, once their transaction committed) and lease checks and takeovers change it. Writes no table.
 */
final class HeldLeases {
    private final Map<Long, Long> tokens = new ConcurrentHashMap<>();

    void hold(long jobId, long token) {
        tokens.put(jobId, token);
    }

    boolean holds(long jobId) {
        return tokens.containsKey(jobId);
    }

    /** The job's fencing token; null when this process does not hold its lease. */
    Long token(long jobId) {
        return tokens.get(jobId);
    }

    void forget(long jobId) {
        tokens.remove(jobId);
    }

    /** Lease changes of a transaction not yet committed, read through to the leases held now. */
    Changes changes() {
        return new Changes();
    }

    /**
     * The leases a transaction's moves give or end, applied to the held leases only once it committed ({@link
     * #apply}): a transaction run again (after a deadlock) or rolled back must find the tokens as they were before it.
     */
    final class Changes {
        private final Map<Long, Long> changed = new HashMap<>();

        private Changes() {
        }

        /** The job's fencing token as this transaction left it; -1 when not held. */
        long token(long jobId) {
            Long token = changed.containsKey(jobId) ? changed.get(jobId) : tokens.get(jobId);
            return token == null ? -1L : token;
        }

        boolean holds(long jobId) {
            return changed.containsKey(jobId) ? changed.get(jobId) != null : tokens.containsKey(jobId);
        }

        void hold(long jobId, long token) {
            changed.put(jobId, token);
        }

        void end(long jobId) {
            changed.put(jobId, null);
        }

        /** Once the transaction committed. */
        void apply() {
            changed.forEach((jobId, token) -> {
                if (token == null) {
                    tokens.remove(jobId);
                } else {
                    tokens.put(jobId, token);
                }
            });
        }
    }
}
