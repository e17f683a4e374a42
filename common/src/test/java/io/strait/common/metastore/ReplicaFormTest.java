package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaFormTest {
    private static final TableRef REF = TableRef.of("shop", "sales");

    private static TableSnapshot table(String type, Map<String, String> parameters) {
        return new TableSnapshot(REF, type, "file:/a/shop/sales", List.of(ColumnSpec.of("x", "int")), List.of(),
                StorageFormat.PARQUET, parameters, "etl");
    }

    @Test
    void anExternalTableKeepsEveryParameterButMetastoreSetAndStraitOnes() {
        TableSnapshot source = table(TableSnapshot.EXTERNAL_TABLE, Map.of("EXTERNAL", "TRUE",
                "external.table.purge", "TRUE", "numRows", "7", "transient_lastDdlTime", "1",
                "strait.source.region", "x", "comment", "c"));

        TableSnapshot form = ReplicaForm.table(source);

        assertThat(form.tableType()).isEqualTo(TableSnapshot.EXTERNAL_TABLE);
        assertThat(form.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("EXTERNAL", "TRUE",
                "external.table.purge", "TRUE", "numRows", "7", "comment", "c"));
        assertThat(ReplicaForm.typeRecord(source)).isEmpty();
    }

    @Test
    void aManagedTableBecomesExternalAndTheSourceTypeIsRecorded() {
        TableSnapshot source = table(TableSnapshot.MANAGED_TABLE, Map.of("comment", "c"));

        TableSnapshot form = ReplicaForm.table(source);

        assertThat(form.tableType()).isEqualTo(TableSnapshot.EXTERNAL_TABLE);
        assertThat(form.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("EXTERNAL", "TRUE",
                "external.table.purge", "TRUE", "comment", "c"));
        assertThat(ReplicaForm.typeRecord(source))
                .containsEntry(StraitParameters.SOURCE_TABLE_TYPE, TableSnapshot.MANAGED_TABLE);
    }

    @Test
    void aViewKeepsItsTypeAndText() {
        TableSnapshot view = table(TableSnapshot.VIRTUAL_VIEW, Map.of()).withLocation("")
                .withView(new ViewText("select 1", "select 1"));

        assertThat(ReplicaForm.table(view)).isEqualTo(view);
    }

    @ParameterizedTest(name = "{0} from {1} to {2} -> {3}")
    @CsvSource({
            "file:/a/t/x=1,      file:/a/t,  file:/b/t/_strait_v1_1,  file:/b/t/_strait_v1_1/x=1",
            "file:/a/t/x=1/y=2,  file:/a/t/, file:/b/t/_strait_v1_1/, file:/b/t/_strait_v1_1/x=1/y=2",
            "file:/a/t,          file:/a/t,  file:/b/t/_strait_v1_1,  file:/b/t/_strait_v1_1",
            "hdfs://nn/other/x=1, file:/a/t, file:/b/t/_strait_v1_1,  hdfs://nn/other/x=1",
    })
    void skewedLocationsFollowTheirObjectIntoItsNewLocation(String skewed, String from, String to, String expected) {
        StorageFormat storage = StorageFormat.PARQUET.withSkew(new Skew(List.of("x"), List.of(List.of("1")),
                List.of(new Skew.SkewedLocation(List.of("1"), skewed))), true);

        StorageFormat relocated = ReplicaForm.relocated(storage, from, to);

        assertThat(relocated.skew().locations()).singleElement()
                .satisfies(location -> assertThat(location.location()).isEqualTo(expected));
        assertThat(relocated.storedAsSubDirectories()).isTrue();
    }

    @Test
    void partitionsKeepTheirOwnColumns() {
        PartitionSnapshot source = new PartitionSnapshot(PartitionRef.of(REF, List.of("1")), "file:/a/t/p=1",
                List.of(ColumnSpec.of("x", "int")), StorageFormat.PARQUET, Map.of("numRows", "1",
                "transient_lastDdlTime", "5"));

        PartitionSnapshot form = ReplicaForm.partition(source);

        assertThat(form.columns()).isEqualTo(source.columns());
        assertThat(form.parameters()).containsExactly(Map.entry("numRows", "1"));
    }
}
