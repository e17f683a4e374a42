package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairJobsTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");

    @Test
    void aTableCopiedOrRecreatedWholeGetsAJobPerSourcePartitionAfterItsTableJobs() {
        InMemoryMetastoreGateway source = new InMemoryMetastoreGateway(RegionId.of("a"));
        source.createDatabase(new DatabaseSnapshot("sales", "file:/a/sales", "", Map.of()));
        source.createTable(new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE, "file:/a/sales/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of(), "hive"));
        for (String day : List.of("1", "2")) {
            source.addPartition(new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(day)),
                    "file:/a/sales/orders/ds=" + day, StorageFormat.PARQUET, Map.of()));
        }
        RepairJobs jobs = new RepairJobs("a-to-b", source, JobOrigin.BOOTSTRAP, 77, 1_000);

        List<NewJob> recreate = jobs.jobsFor(new RepairAction(RepairActionKind.RECREATE_TABLE, ObjectRef.table(ORDERS),
                Set.of(DivergenceClass.PARTITION_KEY_DRIFT)));

        assertThat(recreate).extracting(job -> job.kind() + " " + job.object()).containsExactly(
                "DROP_TABLE sales.orders", "SYNC_TABLE sales.orders", "SYNC_PARTITION sales.orders/1",
                "SYNC_PARTITION sales.orders/2");
        assertThat(recreate).allSatisfy(job -> {
            assertThat(job.origin()).isEqualTo(JobOrigin.BOOTSTRAP);
            assertThat(job.sourceEventId()).isEqualTo(77);
            assertThat(job.sourceCapturedAtMillis()).isEqualTo(1_000);
        });
        assertThat(jobs.jobsFor(new RepairAction(RepairActionKind.COPY_TABLE, ObjectRef.table(TableRef.of("sales",
                "gone")), Set.of(DivergenceClass.MISSING_TABLE)))).extracting(job -> job.kind() + " " + job.object())
                .as("a table gone from the source meanwhile: its job finds it gone and is superseded")
                .containsExactly("SYNC_TABLE sales.gone");
    }

    @Test
    void jobsOfEventOriginAreNotRepairJobs() {
        assertThatThrownBy(() -> new RepairJobs("a-to-b", new InMemoryMetastoreGateway(RegionId.of("a")),
                JobOrigin.EVENT, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
