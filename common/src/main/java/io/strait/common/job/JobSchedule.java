package io.strait.common.job;

import java.util.Objects;

/**
 * Where a job stands with the scheduler, beyond its state: its deadline (capture time + the link's SLA) and, while
 * it is in flight, the process holding its lease, until when, and the lease's fencing token.
 *
 * @param deadlineMillis when the job's change must be applied in the target
 * @param leaseOwner the lease holder ({@code host:pid:uuid}), empty when the job is not in flight
 * @param leaseExpiresAtMillis when the lease ends unless renewed, 0 when nobody holds it
 * @param fencingToken grows on every claim and takeover
 */
public record JobSchedule(long deadlineMillis, String leaseOwner, long leaseExpiresAtMillis, long fencingToken) {
    public JobSchedule {
        Objects.requireNonNull(leaseOwner, "leaseOwner");
    }

    public boolean leased() {
        return !leaseOwner.isEmpty();
    }
}
