package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaLocationsTest {
    private static final PathMapper MAPPER = new PathMapper(RegionId.of("a"), Map.of("wh", "file:/a/wh"),
            RegionId.of("b"), Map.of("wh", "hdfs://nn-b/wh"));
    private static final ReplicaLocations LOCATIONS = new ReplicaLocations(MAPPER);

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "file:/a/wh/shop.db   | hdfs://nn-b/wh/shop.db",
        "file:///a/wh/shop.db/ | hdfs://nn-b/wh/shop.db",
        "file:/a/wh           | hdfs://nn-b/wh",
        "file:/elsewhere/x.db | ",
        "file:/a/whx/x.db     | ",
    })
    void aDatabaseLocationIsTheSourcesMappedOrNoneOfStraits(String source, String expected) {
        assertThat(LOCATIONS.database(source)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void aDatabaseWithoutALocationHasNoneOfStraits() {
        assertThat(LOCATIONS.database("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} table at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // partitioned: exactly the mapped location
        "partitioned   | hdfs://nn-b/wh/shop.db/sales                      | ",
        "partitioned   | hdfs://nn-b/wh/shop.db/sales/                     | ",
        "partitioned   | hdfs://nn-b/wh/shop.db/sales/_strait_v3_1         | expected hdfs://nn-b/wh/shop.db/sales, found hdfs://nn-b/wh/shop.db/sales/_strait_v3_1",
        "partitioned   | hdfs://nn-b/wh/shop.db/other                      | expected hdfs://nn-b/wh/shop.db/sales, found hdfs://nn-b/wh/shop.db/other",
        // unpartitioned: a Strait version folder (kept where it is by a rename in place), or the mapped location
        "unpartitioned | hdfs://nn-b/wh/shop.db/sales/_strait_v3_1         | ",
        "unpartitioned | hdfs://nn-b/wh/shop.db/old_name/_strait_v12_2     | ",
        "unpartitioned | hdfs://nn-b/wh/shop.db/sales                      | ",
        "unpartitioned | hdfs://nn-b/wh/shop.db/sales/_strait_v3_x         | expected a Strait version folder below hdfs://nn-b/wh/shop.db/sales, found hdfs://nn-b/wh/shop.db/sales/_strait_v3_x",
        "unpartitioned | hdfs://nn-b/manual/sales                          | expected a Strait version folder below hdfs://nn-b/wh/shop.db/sales, found hdfs://nn-b/manual/sales",
    })
    void aTableLiesWhereStraitPlacesIt(String shape, String replicaLocation, String problem) {
        TableSnapshot source = table("file:/a/wh/shop.db/sales", shape.equals("partitioned"));

        assertThat(LOCATIONS.misplacedTable(source, source.withLocation(replicaLocation)))
                .isEqualTo(Optional.ofNullable(problem));
    }

    @Test
    void aSourceLocationUnderNoSharedRootIsSaid() {
        TableSnapshot source = table("file:/scratch/sales", true);

        assertThat(LOCATIONS.misplacedTable(source, source.withLocation("hdfs://nn-b/wh/sales")))
                .contains("the source location file:/scratch/sales lies under no root both regions declare");
    }

    @Test
    void aViewHasNoLocationToJudge() {
        TableSnapshot view = new TableSnapshot(TableRef.of("shop", "v"), TableSnapshot.VIRTUAL_VIEW, "", List.of(),
                List.of(), StorageFormat.NONE, Map.of(), Owner.NONE, new ViewText("select 1", "select 1"));

        assertThat(LOCATIONS.misplacedTable(view, view.withLocation("hdfs://nn-b/anything"))).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(delimiter = '|', value = {
        "hdfs://nn-b/wh/shop.db/sales/ds=1/_strait_v7_1  | ",
        "hdfs://nn-b/wh/shop.db/old/ds=1/_strait_v7_1/   | ",
        "hdfs://nn-b/wh/shop.db/sales/ds=1               | expected a Strait version folder, found hdfs://nn-b/wh/shop.db/sales/ds=1",
        "hdfs://nn-b/wh/shop.db/sales/ds=1/_strait_v0_1  | expected a Strait version folder, found hdfs://nn-b/wh/shop.db/sales/ds=1/_strait_v0_1",
        "''                                              | expected a Strait version folder, found none",
    })
    void aPartitionLiesInAStraitVersionFolder(String replicaLocation, String problem) {
        assertThat(LOCATIONS.misplacedPartition(replicaLocation)).isEqualTo(Optional.ofNullable(problem));
    }

    private static TableSnapshot table(String location, boolean partitioned) {
        return new TableSnapshot(TableRef.of("shop", "sales"), TableSnapshot.EXTERNAL_TABLE, location,
                List.of(ColumnSpec.of("x", "int")), partitioned ? List.of(ColumnSpec.of("ds", "string")) : List.of(),
                StorageFormat.PARQUET, Map.of(), "etl");
    }
}
