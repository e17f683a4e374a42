package io.strait.common.job;

import static io.strait.common.job.TestJobs.job;
import static io.strait.common.job.TestJobs.partition;
import static io.strait.common.job.TestJobs.rename;
import static io.strait.common.job.TestJobs.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectLocksTest {
    @Test
    void aPartitionConflictsWithItsOwnPartitionItsTableAndItsDatabaseOnly() {
        ObjectLocks locks = new ObjectLocks();
        locks.add(job(1, JobState.PLANNED, partition("sales", "orders", "2024-01-01")));

        assertThat(locks.conflicts(job(2, JobState.PENDING, partition("sales", "orders", "2024-01-01")))).isTrue();
        assertThat(locks.conflicts(job(3, JobState.PENDING, table("sales", "orders")))).isTrue();
        assertThat(locks.conflicts(job(4, JobState.PENDING, ObjectRef.database("sales")))).isTrue();
        assertThat(locks.conflicts(job(5, JobState.PENDING, partition("sales", "orders", "2024-01-02")))).isFalse();
        assertThat(locks.conflicts(job(6, JobState.PENDING, partition("sales", "returns", "2024-01-01")))).isFalse();
        assertThat(locks.conflicts(job(7, JobState.PENDING, ObjectRef.database("hr")))).isFalse();
    }

    @Test
    void aRenameHoldsBothNamesAndJobsOfAnotherLinkNeverConflict() {
        ObjectLocks locks = new ObjectLocks();
        locks.add(rename(1, JobState.PLANNED, "sales", "orders", "orders_v2"));

        assertThat(locks.conflicts(job(2, JobState.PENDING, partition("sales", "orders", "d")))).isTrue();
        assertThat(locks.conflicts(job(3, JobState.PENDING, partition("sales", "orders_v2", "d")))).isTrue();
        ReplicationJob otherLink = job(4, JobState.PENDING, partition("sales", "orders", "d"));
        otherLink = new ReplicationJob(otherLink.id(), "b-to-a", otherLink.kind(), otherLink.object(),
                otherLink.state(), 0, 4, 0, 0, "", "", 0, 0, 0);
        assertThat(locks.conflicts(otherLink)).isFalse();
    }

    @Test
    void agreesWithThePairwiseRuleOnRandomSets() {
        Random random = new Random(42);
        int conflicting = 0;
        for (int run = 0; run < 2_000; run++) {
            ObjectLocks locks = new ObjectLocks();
            List<ReplicationJob> held = new ArrayList<>();
            for (int i = 0, n = random.nextInt(8); i < n; i++) {
                ReplicationJob job = randomJob(random, i);
                held.add(job);
                locks.add(job);
            }
            ReplicationJob candidate = randomJob(random, 100);
            boolean pairwise = held.stream().anyMatch(other -> other.link().equals(candidate.link())
                    && JobDag.conflicts(other, candidate));
            assertThat(locks.conflicts(candidate)).as("%s against %s", candidate, held).isEqualTo(pairwise);
            conflicting += pairwise ? 1 : 0;
        }
        // both answers occur often enough for the comparison to mean something
        assertThat(conflicting).isBetween(400, 1_600);
    }

    private static ReplicationJob randomJob(Random random, long id) {
        String db = random.nextInt(4) == 0 ? "hr" : "sales";
        String tableName = random.nextBoolean() ? "orders" : "returns";
        ReplicationJob job = switch (random.nextInt(10)) {
            case 0 -> job(id, JobState.PLANNED, ObjectRef.database(db));
            case 1, 2 -> job(id, JobState.PLANNED, table(db, tableName));
            case 3 -> rename(id, JobState.PLANNED, db, tableName, tableName.equals("orders") ? "returns" : "orders");
            default -> job(id, JobState.PLANNED, partition(db, tableName, "d" + random.nextInt(4)));
        };
        if (random.nextInt(5) == 0) {
            job = new ReplicationJob(job.id(), "b-to-a", job.kind(), job.object(), job.state(), 0, id, 0, 0, "", "",
                    0, 0, 0, job.origin(), job.renamedFrom());
        }
        return job;
    }
}
