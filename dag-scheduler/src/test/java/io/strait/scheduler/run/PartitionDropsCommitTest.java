package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionId;
import io.strait.sync.MetastoreReplicaPublisher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The drops of one table's DROP_PARTITION jobs in its turn ({@link ReplicaCommit#PARTITION_DROPS}): together in one
 * batched drop, each job with its own outcome; a job whose lease is lost is refused alone before the metastore call.
 */
class PartitionDropsCommitTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final TableSnapshot SOURCE_TABLE = new TableSnapshot(TABLE, "EXTERNAL_TABLE",
            "mem://a/external/shop.db/orders", List.of(ColumnSpec.of("id", "bigint")),
            List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl");
    private static final PathMapper MAPPER = new PathMapper(A, Map.of("external", "mem://a/external"), B,
            Map.of("external", "mem://b/external"));

    private final InMemoryMetastoreGateway target = new InMemoryMetastoreGateway(B);
    private final Map<String, Integer> calls = new HashMap<>();
    private final Set<Long> lostLeases = new HashSet<>();

    @Test
    void theDropsOfATableGoInOneCallAndAJobWhoseLeaseIsLostIsRefusedAloneDroppingNothing() {
        MetastoreReplicaPublisher setUp = new MetastoreReplicaPublisher(target, MAPPER);
        for (int day = 1; day <= 4; day++) {
            setUp.publishPartition(context(day, 100 + day), SOURCE_TABLE, new PartitionSnapshot(partition(day),
                    SOURCE_TABLE.location() + "/ds=" + day, StorageFormat.PARQUET, Map.of()),
                    "mem://b/external/shop.db/orders/ds=" + day + "/_strait_v" + day + "_1");
        }
        MetastoreReplicaPublisher publisher = new MetastoreReplicaPublisher(counting(target), MAPPER);
        CommitFence fence = new CommitFence(leases());
        lostLeases.add(13L);
        List<ReplicaCommit.PartitionDropCommit> drops = new ArrayList<>();
        for (int day = 1; day <= 4; day++) {
            drops.add(new ReplicaCommit.PartitionDropCommit(publisher, context(10 + day, 200 + day),
                    dropJob(10 + day, day), fence));
        }

        List<TableTurns.Committed<PublishOutcome>> committed = new TableTurns().inBatchAll(B, drops.get(0).job()
                .object(), drops, ReplicaCommit.PARTITION_DROPS);

        for (int i = 0; i < 4; i++) {
            TableTurns.Committed<PublishOutcome> outcome = committed.get(i);
            if (i == 2) {
                assertThat(outcome.failure()).isInstanceOf(StaleJobVersionException.class)
                        .hasMessageContaining("lease lost");
            } else {
                assertThat(outcome.failure()).isNull();
                assertThat(outcome.result().status()).isEqualTo(PublishOutcome.Status.PUBLISHED);
                assertThat(outcome.result().replacedLocation()).endsWith("/_strait_v" + (i + 1) + "_1");
            }
        }
        assertThat(target.listPartitions(TABLE)).extracting(PartitionSnapshot::ref)
                .as("the refused job's partition kept").containsExactly(partition(3));
        assertThat(calls).isEqualTo(Map.of("getTable", 1, "getPartitions", 1, "dropPartitions", 1));
    }

    @Test
    void aDropAloneGoesThroughTheSingleDropAsAJobAloneWould() {
        MetastoreReplicaPublisher publisher = new MetastoreReplicaPublisher(counting(target), MAPPER);

        List<TableTurns.Committed<PublishOutcome>> committed = new TableTurns().inBatchAll(B, dropJob(1, 1).object(),
                List.of(new ReplicaCommit.PartitionDropCommit(publisher, context(1, 101), dropJob(1, 1),
                        new CommitFence(leases()))), ReplicaCommit.PARTITION_DROPS);

        assertThat(committed.get(0).result().status()).isEqualTo(PublishOutcome.Status.ALREADY_ABSENT);
        assertThat(calls).as("the table is not in the target: one read").isEqualTo(Map.of("getTable", 1));
    }

    private static ReplicationJob dropJob(long id, int day) {
        return new ReplicationJob(id, "a-to-b", JobKind.DROP_PARTITION, ObjectRef.partition(partition(day)),
                JobState.PLANNED, 1, 200 + day, 0, 1, "", "", 0, 0, 0, io.strait.common.job.JobOrigin.EVENT, null);
    }

    private static PartitionRef partition(int day) {
        return PartitionRef.of(TABLE, List.of(Integer.toString(day)));
    }

    private static PublishContext context(long jobId, long eventId) {
        return new PublishContext(A, jobId, eventId, 1_700_000_000_000L);
    }

    /** A job store whose only answer is the leases confirmed: all asked but the lost ones. */
    @SuppressWarnings("unchecked")
    private JobStore leases() {
        return (JobStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, arguments) -> {
                    if (!method.getName().equals("confirmLeases")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Set<Long> held = new HashSet<>((Collection<Long>) arguments[0]);
                    held.removeAll(lostLeases);
                    return held;
                });
    }

    /** The target, counting each call by method name (a batch call counts once). */
    private MetastoreGateway counting(MetastoreGateway delegate) {
        return (MetastoreGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MetastoreGateway.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("region")) {
                        calls.merge(method.getName(), 1, Integer::sum);
                    }
                    try {
                        return method.invoke(delegate, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
