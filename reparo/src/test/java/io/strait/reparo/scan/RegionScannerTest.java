package io.strait.reparo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.FileChecksums;
import io.strait.common.divergence.ReconcileDepth;
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
import java.util.ArrayList;
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
    void filesDepthListsBelowVersionFoldersLeavesHiddenFilesOutAndAddsTheCopyRecords() throws Exception {
        createEvents(List.of(ColumnSpec.of("ds", "string")), "");
        String location = "file:/a/events/ds=1/_strait_v4_2";
        addPartition("1", location);
        fileSystem.write(location + "/part-0", bytes("day 1"));
        fileSystem.write(location + "/part-1", bytes("day 1, more"));
        fileSystem.write(location + "/_SUCCESS", bytes(""));
        fileSystem.write(location + "/.staging/part-2", bytes("staged"));
        long modified = fileSystem.status(location + "/part-0").modificationTimeMillis();
        List<String> asked = new ArrayList<>();
        CopyRecords records = (table, locations) -> {
            asked.addAll(locations);
            return Map.of(location, Map.of("part-0", new CopyRecords.RecordedFile(5, 1_000, "crc32c:00000042"),
                    "part-1", new CopyRecords.RecordedFile(99, 1_000, "crc32c:00000043")));
        };

        TableState state = new RegionScanner(metastore, fileSystem, 2,
                new ScanOptions(ReconcileDepth.FILES, HiddenFiles.HIVE, records)).scan(EVENTS);

        assertThat(asked).containsExactly(location);
        assertThat(state.partitions().get(0).files()).containsExactly(
                FileState.recorded("part-0", 5, modified, "crc32c:00000042", 1_000),
                FileState.listed("part-1", 11, fileSystem.status(location + "/part-1").modificationTimeMillis()));
    }

    @Test
    void metaDepthListsNoLocationAndNeedsNone() {
        createEvents(List.of(ColumnSpec.of("ds", "string")), "");
        addPartition("1", "");

        TableState state = new RegionScanner(metastore, fileSystem, 1,
                new ScanOptions(ReconcileDepth.META, HiddenFiles.HIVE, CopyRecords.none())).scan(EVENTS);

        assertThat(state.partitions()).singleElement().satisfies(partition -> {
            assertThat(partition.values()).containsExactly("1");
            assertThat(partition.files()).isEmpty();
        });
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
