package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.PublishOutcome.Status;
import io.strait.common.region.Locations;
import io.strait.common.region.PathMapper;
import io.strait.embedded.EmbeddedRegion;
import io.strait.regionio.ThriftMetastoreGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publish happy path against a real Hive Metastore 4.0.1 process for region B. */
class MetastoreReplicaPublisherIT {
    @TempDir
    Path root;

    @Test
    void replicasAreExternalAtMappedLocationsAndSwitchVersionsInPlace() {
        try (EmbeddedRegion regionB = EmbeddedRegion.builder("region-b", root.resolve("region-b")).start();
                ThriftMetastoreGateway metastore = ThriftMetastoreGateway.connect(MetastoreReplicaPublisherTest.B,
                        regionB.metastoreUri())) {
            String targetRoot = Locations.canonical(regionB.externalRootUri());
            PathMapper mapper = new PathMapper(MetastoreReplicaPublisherTest.A, Map.of("external", "hdfs://nn-a/ext"),
                    MetastoreReplicaPublisherTest.B, Map.of("external", targetRoot));
            MetastoreReplicaPublisher publisher = new MetastoreReplicaPublisher(metastore, mapper);
            String partitionRoot = targetRoot + "/shop/sales/ds=2024-01-01";

            PublishOutcome database = publisher.publishDatabase(event(1, 1),
                    new DatabaseSnapshot("shop", "hdfs://nn-a/ext/shop.db", "the shop", Map.of("k", "v")));
            PublishOutcome added = publisher.publishPartition(event(10, 100),
                    MetastoreReplicaPublisherTest.SOURCE_TABLE, MetastoreReplicaPublisherTest.SOURCE_PARTITION,
                    partitionRoot + "/_strait_v10_1");
            PublishOutcome switched = publisher.publishPartition(event(11, 101),
                    MetastoreReplicaPublisherTest.SOURCE_TABLE, MetastoreReplicaPublisherTest.SOURCE_PARTITION,
                    partitionRoot + "/_strait_v11_1");
            PublishOutcome stale = publisher.publishPartition(event(9, 99), MetastoreReplicaPublisherTest.SOURCE_TABLE,
                    MetastoreReplicaPublisherTest.SOURCE_PARTITION, partitionRoot + "/_strait_v9_1");

            assertThat(database.status()).isEqualTo(Status.PUBLISHED);
            assertThat(Locations.canonical(metastore.getDatabase("shop").orElseThrow().location()))
                    .isEqualTo(targetRoot + "/shop.db");
            assertThat(added.status()).isEqualTo(Status.PUBLISHED);
            assertThat(Locations.canonical(switched.replacedLocation())).isEqualTo(partitionRoot + "/_strait_v10_1");
            assertThat(stale.status()).isEqualTo(Status.SKIPPED_NEWER_REPLICA);
            TableSnapshot table = metastore.getTable(MetastoreReplicaPublisherTest.SALES).orElseThrow();
            assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
            assertThat(Locations.canonical(table.location())).isEqualTo(targetRoot + "/shop/sales");
            assertThat(StraitParameters.comparable(table.parameters())).as("a managed source becomes external")
                    .isEqualTo(Map.of("EXTERNAL", "TRUE", "external.table.purge", "TRUE", "owner.team", "payments"));
            assertThat(table.parameters()).containsEntry(StraitParameters.SOURCE_TABLE_TYPE, "MANAGED_TABLE");
            MetastoreReplicaPublisherTest.assertStraitParameters(table.parameters(), 100, "hdfs://nn-a/ext/shop/sales");
            PartitionSnapshot partition = metastore.getPartition(MetastoreReplicaPublisherTest.DAY_1).orElseThrow();
            assertThat(Locations.canonical(partition.location())).isEqualTo(partitionRoot + "/_strait_v11_1");
            MetastoreReplicaPublisherTest.assertStraitParameters(partition.parameters(), 101,
                    MetastoreReplicaPublisherTest.SOURCE_PARTITION.location());
            assertThat(publisher.dropPartition(event(12, 102), MetastoreReplicaPublisherTest.DAY_1).status())
                    .isEqualTo(Status.PUBLISHED);
            assertThat(publisher.dropPartition(event(12, 102), MetastoreReplicaPublisherTest.DAY_1).status())
                    .isEqualTo(Status.ALREADY_ABSENT);
        }
    }

    private static PublishContext event(long jobId, long eventId) {
        return MetastoreReplicaPublisherTest.event(jobId, eventId);
    }
}
