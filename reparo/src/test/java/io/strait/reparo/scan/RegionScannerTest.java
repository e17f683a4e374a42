package io.strait.reparo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.FileChecksums;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.reparo.diff.FileState;
import io.strait.reparo.diff.PartitionState;
import io.strait.reparo.diff.TableState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionScannerTest {
    private static final RegionId REGION = RegionId.of("a");
    private static final TableRef EVENTS = TableRef.of("web", "events");

    private final InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(REGION);
    private final InMemoryRegionFileSystem fileSystem = new InMemoryRegionFileSystem(REGION);

    @Test
    void readsEveryPartitionAtItsCurrentLocationWithChecksumsOfTheBytes() throws Exception {
        createEvents(List.of(ColumnSpec.of("ds", "string")), "");
        for (int day = 1; day <= 9; day++) {
            addPartition(String.valueOf(day), "file:/a/events/ds=" + day + "/_strait_v" + day + "_1");
            fileSystem.write("file:/a/events/ds=" + day + "/_strait_v" + day + "_1/part-0", bytes("day " + day));
        }
        fileSystem.write("file:/a/events/ds=1/stale-file-outside-current-version", bytes("old"));

        TableState state = new RegionScanner(metastore, fileSystem, 3).scan(EVENTS);

        assertThat(state.region()).isEqualTo(REGION);
        assertThat(state.partitions()).hasSize(9).allSatisfy(partition -> assertThat(partition.files()).hasSize(1));
        PartitionState third = state.partitions().get(2);
        assertThat(third.values()).containsExactly("3");
        assertThat(third.files()).containsExactly(new FileState("part-0", 5,
                FileChecksums.checksum(new ByteArrayInputStream(bytes("day 3"))).checksum()));
        assertThat(third.parameters()).containsEntry("numFiles", "1");
    }

    @Test
    void absentTableIsAnAbsentState() {
        TableState state = new RegionScanner(metastore, fileSystem, 1).scan(EVENTS);

        assertThat(state.exists()).isFalse();
        assertThat(state.ref()).isEqualTo(EVENTS);
    }

    @Test
    void viewHasNoFiles() {
        metastore.createDatabase(new DatabaseSnapshot("web", "", "", Map.of()));
        metastore.createTable(new TableSnapshot(EVENTS, "VIRTUAL_VIEW", "", List.of(ColumnSpec.of("id", "int")),
                List.of(), new StorageFormat("", "", "", Map.of()), Map.of(), "hive"));

        TableState state = new RegionScanner(metastore, fileSystem, 1).scan(EVENTS);

        assertThat(state.exists()).isTrue();
        assertThat(state.files()).isEmpty();
    }

    @Test
    void partitionWithoutLocationFailsTheScan() {
        createEvents(List.of(ColumnSpec.of("ds", "string")), "");
        addPartition("1", "");

        assertThatThrownBy(() -> new RegionScanner(metastore, fileSystem, 2).scan(EVENTS))
                .isInstanceOfSatisfying(StraitException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.EXTERNAL))
                .hasMessage("Cannot scan web.events/1 in region a: its metastore entry has no location. "
                        + "Set a location on it, then rerun reconcile");
    }

    @Test
    void refusesAMetastoreAndFilesystemOfDifferentRegions() {
        InMemoryRegionFileSystem other = new InMemoryRegionFileSystem(RegionId.of("b"));

        assertThatThrownBy(() -> new RegionScanner(metastore, other, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region a", "region b");
    }

    private void createEvents(List<ColumnSpec> partitionKeys, String location) {
        metastore.createDatabase(new DatabaseSnapshot("web", "", "", Map.of()));
        metastore.createTable(new TableSnapshot(EVENTS, TableSnapshot.EXTERNAL_TABLE, location,
                List.of(ColumnSpec.of("id", "int")), partitionKeys, StorageFormat.PARQUET, Map.of(), "hive"));
    }

    private void addPartition(String ds, String location) {
        metastore.addPartition(new PartitionSnapshot(PartitionRef.of(EVENTS, List.of(ds)), location,
                StorageFormat.PARQUET, Map.of("numFiles", "1")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
