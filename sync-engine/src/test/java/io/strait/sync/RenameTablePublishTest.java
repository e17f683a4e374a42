package io.strait.sync;

import static io.strait.sync.MetastoreReplicaPublisherTest.MAPPER;
import static io.strait.sync.MetastoreReplicaPublisherTest.SALES;
import static io.strait.sync.MetastoreReplicaPublisherTest.SOURCE_PARTITION;
import static io.strait.sync.MetastoreReplicaPublisherTest.SOURCE_TABLE;
import static io.strait.sync.MetastoreReplicaPublisherTest.V1;
import static io.strait.sync.MetastoreReplicaPublisherTest.assertStraitParameters;
import static io.strait.sync.MetastoreReplicaPublisherTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.PublishOutcome.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A table rename renames the replica in place, on the in-memory metastore twin: no data moves. */
class RenameTablePublishTest {
    private static final TableRef RENAMED = TableRef.of("shop", "orders");

    private final InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(MetastoreReplicaPublisherTest.B);
    private final MetastoreReplicaPublisher publisher = new MetastoreReplicaPublisher(metastore, MAPPER);

    private static TableSnapshot renamedSource(String location) {
        return new TableSnapshot(RENAMED, SOURCE_TABLE.tableType(), location, SOURCE_TABLE.columns(),
                SOURCE_TABLE.partitionKeys(), SOURCE_TABLE.storage(), SOURCE_TABLE.parameters(), SOURCE_TABLE.owner(),
                SOURCE_TABLE.view());
    }

    @Test
    void aPartitionedReplicaIsRenamedInPlaceAndItsPartitionsKeepTheirVersionFolders() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        String tableLocation = metastore.getTable(SALES).orElseThrow().location();

        PublishOutcome outcome = publisher.renameTable(event(11, 101), SALES,
                renamedSource(SOURCE_TABLE.location()));

        assertThat(outcome.status()).isEqualTo(Status.PUBLISHED);
        assertThat(outcome.replacedLocation()).isEmpty();
        assertThat(metastore.getTable(SALES)).isEmpty();
        TableSnapshot renamed = metastore.getTable(RENAMED).orElseThrow();
        assertThat(renamed.location()).isEqualTo(tableLocation);
        assertThat(renamed.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertStraitParameters(renamed.parameters(), 101, SOURCE_TABLE.location());
        assertThat(metastore.listPartitions(RENAMED)).singleElement().satisfies(partition -> {
            assertThat(partition.ref()).isEqualTo(PartitionRef.of(RENAMED, List.of("2024-01-01")));
            assertThat(partition.location()).isEqualTo(V1);
        });
    }

    @Test
    void aSourceLocationThatChangedWithTheRenameMovesTheTableLocationButNoPartition() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);

        publisher.renameTable(event(11, 101), SALES, renamedSource("hdfs://nn-a/ext/shop/orders"));

        TableSnapshot renamed = metastore.getTable(RENAMED).orElseThrow();
        assertThat(renamed.location()).isEqualTo("hdfs://nn-b/ext/shop/orders");
        assertStraitParameters(renamed.parameters(), 101, "hdfs://nn-a/ext/shop/orders");
        assertThat(metastore.listPartitions(RENAMED)).extracting(PartitionSnapshot::location).containsExactly(V1);
    }

    @Test
    void anUnpartitionedReplicaKeepsItsVersionFolder() {
        TableSnapshot dim = new TableSnapshot(TableRef.of("shop", "dim"), "EXTERNAL_TABLE", "hdfs://nn-a/ext/shop/dim",
                List.of(ColumnSpec.of("k", "string")), List.of(), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"),
                "bob");
        String version = "hdfs://nn-b/ext/shop/dim/_strait_v20_1";
        publisher.publishTable(event(20, 200), dim, version);
        TableSnapshot source = new TableSnapshot(TableRef.of("shop", "dimension"), dim.tableType(),
                "hdfs://nn-a/ext/shop/dimension", dim.columns(), List.of(), dim.storage(), dim.parameters(),
                dim.owner(), dim.view());

        assertThat(publisher.renameTable(event(21, 201), dim.ref(), source).status()).isEqualTo(Status.PUBLISHED);

        assertThat(metastore.getTable(dim.ref())).isEmpty();
        assertThat(metastore.getTable(source.ref()).orElseThrow().location()).isEqualTo(version);
    }

    @Test
    void aRenameIntoAnotherDatabaseCreatesItsReplicaDatabase() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        TableSnapshot source = new TableSnapshot(TableRef.of("archive", "sales"), SOURCE_TABLE.tableType(),
                SOURCE_TABLE.location(), SOURCE_TABLE.columns(), SOURCE_TABLE.partitionKeys(), SOURCE_TABLE.storage(),
                SOURCE_TABLE.parameters(), SOURCE_TABLE.owner(), SOURCE_TABLE.view());

        assertThat(publisher.renameTable(event(11, 101), SALES, source).status()).isEqualTo(Status.PUBLISHED);

        assertThat(metastore.getDatabase("archive")).isPresent();
        assertThat(metastore.listPartitions(source.ref())).extracting(PartitionSnapshot::location)
                .containsExactly(V1);
    }

    @Test
    void aRetryAfterAnUnknownOutcomeRecognisesTheRename() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        publisher.renameTable(event(11, 101), SALES, renamedSource(SOURCE_TABLE.location()));

        PublishOutcome again = publisher.renameTable(event(11, 101), SALES, renamedSource(SOURCE_TABLE.location()));

        assertThat(again.status()).isEqualTo(Status.PUBLISHED);
        assertThat(again.detail()).contains("already shows this rename");
    }

    @Test
    void withoutAReplicaUnderTheOldNameThereIsNothingToRenameInPlace() {
        PublishOutcome outcome = publisher.renameTable(event(11, 101), SALES, renamedSource(SOURCE_TABLE.location()));

        assertThat(outcome.status()).isEqualTo(Status.ALREADY_ABSENT);
        assertThat(metastore.getTable(RENAMED)).isEmpty();
    }

    @Test
    void aStraitReplicaUnderTheNewNameLeavesBothAloneForTheSyncUnderTheNewName() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        publisher.publishTable(event(9, 99), renamedSource("hdfs://nn-a/ext/shop/orders"), "");

        PublishOutcome outcome = publisher.renameTable(event(11, 101), SALES, renamedSource(SOURCE_TABLE.location()));

        assertThat(outcome.status()).isEqualTo(Status.ALREADY_ABSENT);
        assertThat(metastore.getTable(SALES)).isPresent();
        assertThat(metastore.listPartitions(SALES)).hasSize(1);
    }

    @Test
    void aForeignObjectUnderEitherNameIsRefusedAndNothingChanges() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        metastore.createTable(renamedSource("hdfs://nn-b/theirs"));

        assertThat(publisher.renameTable(event(11, 101), SALES, renamedSource(SOURCE_TABLE.location())).status())
                .isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(metastore.getTable(SALES)).isPresent();
        assertThat(metastore.getTable(RENAMED).orElseThrow().location()).isEqualTo("hdfs://nn-b/theirs");

        InMemoryMetastoreGateway other = new InMemoryMetastoreGateway(MetastoreReplicaPublisherTest.B);
        other.createDatabase(new DatabaseSnapshot("shop", "", "", Map.of()));
        other.createTable(SOURCE_TABLE.withLocation("hdfs://nn-b/ext/shop/sales"));
        assertThat(new MetastoreReplicaPublisher(other, MAPPER).renameTable(event(11, 101), SALES,
                renamedSource(SOURCE_TABLE.location())).status()).isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(other.getTable(SALES)).isPresent();
        assertThat(other.getTable(RENAMED)).isEmpty();
    }

    @Test
    void aStaleRenameIsSkipped() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);

        assertThat(publisher.renameTable(event(11, 99), SALES, renamedSource(SOURCE_TABLE.location())).status())
                .isEqualTo(Status.SKIPPED_NEWER_REPLICA);
        assertThat(metastore.getTable(RENAMED)).isEmpty();
    }
}
