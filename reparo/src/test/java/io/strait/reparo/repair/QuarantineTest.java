package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuarantineTest {
    private static final RegionId B = RegionId.of("b");
    private static final String ROOT = "file:/b/external";
    private static final TableRef OLD = TableRef.of("sales", "old");
    private static final PartitionRef OLD_DAY = PartitionRef.of(OLD, List.of("2024-01-01"));
    private static final PartitionRef OUTSIDE_DAY = PartitionRef.of(OLD, List.of("2024-01-02"));

    private InMemoryMetastoreGateway target;
    private InMemoryRegionFileSystem fileSystem;
    private Quarantine quarantine;

    @BeforeEach
    void extraTableInTheTarget() throws IOException {
        target = new InMemoryMetastoreGateway(B);
        fileSystem = new InMemoryRegionFileSystem(B);
        quarantine = new Quarantine(target, fileSystem, Map.of("external", ROOT));
        target.createDatabase(new DatabaseSnapshot("sales", ROOT + "/sales.db", "", Map.of()));
        target.createTable(new TableSnapshot(OLD, TableSnapshot.EXTERNAL_TABLE, ROOT + "/sales.db/old",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of(), "hive"));
        target.addPartition(new PartitionSnapshot(OLD_DAY, ROOT + "/sales.db/old/ds=2024-01-01/_strait_v3_1",
                StorageFormat.PARQUET, Map.of()));
        target.addPartition(new PartitionSnapshot(OUTSIDE_DAY, ROOT + "/elsewhere/ds=2024-01-02",
                StorageFormat.PARQUET, Map.of()));
        fileSystem.write(ROOT + "/sales.db/old/ds=2024-01-01/_strait_v3_1/part-0", bytes("a"));
        fileSystem.write(ROOT + "/elsewhere/ds=2024-01-02/part-0", bytes("b"));
    }

    @Test
    void aDroppedTablesFoldersMoveBelowTheRootTheyLieUnder() throws IOException {
        RepairAction drop = new RepairAction(RepairActionKind.DROP_TABLE, ObjectRef.table(OLD),
                Set.of(DivergenceClass.EXTRA_TABLE));
        List<QuarantineMove> moves = quarantine.movesFor(drop);
        target.dropTable(OLD);

        List<QuarantineResult> results = quarantine.quarantine(42, moves);

        assertThat(results).allSatisfy(result -> assertThat(result.moved()).as(result.detail()).isTrue());
        assertThat(results).extracting(QuarantineResult::destination).containsExactly(
                ROOT + "/.strait-quarantine/job-42/sales/old",
                ROOT + "/.strait-quarantine/job-42/sales/old/ds=2024-01-02");
        assertThat(fileSystem.listFiles(ROOT + "/.strait-quarantine/job-42")).extracting(FileEntry::relativePath)
                .containsExactly("sales/old/ds=2024-01-01/_strait_v3_1/part-0", "sales/old/ds=2024-01-02/part-0");
        assertThat(fileSystem.exists(ROOT + "/sales.db/old")).isFalse();
        assertThat(fileSystem.exists(ROOT + "/elsewhere/ds=2024-01-02")).isFalse();
    }

    @Test
    void aDroppedPartitionsVersionFolderMovesUnderItsPartitionName() throws IOException {
        RepairAction drop = new RepairAction(RepairActionKind.DROP_PARTITION, ObjectRef.partition(OLD_DAY),
                Set.of(DivergenceClass.EXTRA_PARTITION));
        List<QuarantineMove> moves = quarantine.movesFor(drop);
        target.dropPartition(OLD_DAY);

        assertThat(quarantine.quarantine(7, moves)).singleElement().satisfies(result ->
                assertThat(result.destination()).isEqualTo(ROOT + "/.strait-quarantine/job-7/sales/old/ds=2024-01-01"));
        assertThat(fileSystem.exists(ROOT + "/.strait-quarantine/job-7/sales/old/ds=2024-01-01/part-0")).isTrue();
        assertThat(fileSystem.exists(ROOT + "/elsewhere/ds=2024-01-02/part-0")).isTrue();
    }

    @Test
    void dataOfAnObjectThatIsBackInTheTargetOrUnderNoRootStaysWhereItIs() throws IOException {
        RepairAction drop = new RepairAction(RepairActionKind.DROP_PARTITION, ObjectRef.partition(OLD_DAY),
                Set.of(DivergenceClass.EXTRA_PARTITION));
        List<QuarantineMove> moves = quarantine.movesFor(drop);

        assertThat(quarantine.quarantine(7, moves)).singleElement().satisfies(result -> {
            assertThat(result.moved()).isFalse();
            assertThat(result.detail()).contains("is in region b again");
        });
        Quarantine noRoot = new Quarantine(target, fileSystem, Map.of("raw", "file:/b/raw"));
        target.dropPartition(OLD_DAY);
        assertThat(noRoot.quarantine(7, moves)).singleElement().satisfies(result ->
                assertThat(result.detail()).contains("lies under none of region b's roots"));
        assertThat(fileSystem.exists(ROOT + "/sales.db/old/ds=2024-01-01/_strait_v3_1/part-0")).isTrue();
    }

    @Test
    void aSecondQuarantineOfTheSameNameGetsASuffix() throws IOException {
        fileSystem.write(ROOT + "/.strait-quarantine/job-7/sales/old/ds=2024-01-01/part-9", bytes("earlier"));
        RepairAction drop = new RepairAction(RepairActionKind.DROP_PARTITION, ObjectRef.partition(OLD_DAY),
                Set.of(DivergenceClass.EXTRA_PARTITION));
        List<QuarantineMove> moves = quarantine.movesFor(drop);
        target.dropPartition(OLD_DAY);

        assertThat(quarantine.quarantine(7, moves)).singleElement().satisfies(result ->
                assertThat(result.destination()).endsWith("/job-7/sales/old/ds=2024-01-01-2"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
