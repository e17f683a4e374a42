package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.common.rows.DifferingRow;
import io.strait.common.rows.RowComparison;
import io.strait.common.rows.RowFormat;
import io.strait.common.rows.RowLocation;
import io.strait.common.rows.RowObject;
import io.strait.common.rows.RowSide;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The row-level comparison on files written by Spark (local mode), for a table without a key: equal sides report
 * nothing; a changed row in a file of the same row count, a duplicated row and a deleted row are each found and
 * shown with their side; in Parquet and in ORC, each through its file digest (maps and the wide row through Spark
 * SQL).
 */
class SparkRowComparerIT {
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final StructType SCHEMA = new StructType().add("customer", DataTypes.StringType)
            .add("amount", DataTypes.LongType).add("note", DataTypes.StringType);
    private static SparkEngine engine;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        engine = SparkEngine.start(SparkSettings.local(2), "row-compare-test");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** 20,000 rows, each one twice (no key), written as 4 files. */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int j = i % 10_000;
            rows.add(RowFactory.create("c" + (j % 500), (long) (j % 97), j % 3 == 0 ? null : "n" + (j % 7)));
        }
        return rows;
    }

    private static String write(String name, List<Row> rows, RowFormat format) {
        String location = dir.resolve(format.sourceName()).resolve(name).toUri().toString();
        Dataset<Row> frame = engine.session().createDataFrame(rows, SCHEMA).repartition(4);
        frame.write().mode(SaveMode.Overwrite).format(format.sourceName()).save(location);
        return location;
    }

    /** Compares the two tables written apart; their count and hash come from the file digest (Parquet or ORC). */
    private static RowComparison compare(String name, List<Row> source, List<Row> target, RowFormat format) {
        RowObject object = new RowObject(List.of("2024-01-01"),
                new RowLocation(A, write(name + "-a", source, format), format),
                new RowLocation(B, write(name + "-b", target, format), format));
        SparkRowComparer comparer = new SparkRowComparer(engine);
        List<RowComparison> results = comparer.compare(TABLE, List.of(object), 5);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).error()).isEmpty();
        assertThat(comparer.digestedObjects()).isEqualTo(1);
        return results.get(0);
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void equalTablesReportNoDifferentRow(RowFormat format) {
        List<Row> shuffled = new ArrayList<>(rows());
        java.util.Collections.reverse(shuffled);

        RowComparison comparison = compare("equal", rows(), shuffled, format);

        assertThat(comparison.differs()).isFalse();
        assertThat(comparison.differingRows()).isZero();
        assertThat(comparison.sourceRows()).isEqualTo(20_000).isEqualTo(comparison.targetRows());
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void aChangedRowInAFileOfTheSameRowCountIsFoundOnBothSides(RowFormat format) {
        List<Row> changed = new ArrayList<>(rows());
        changed.set(12_345, RowFactory.create("c345", 99L, "changed"));

        RowComparison comparison = compare("changed", rows(), changed, format);

        assertThat(comparison.sourceRows()).isEqualTo(comparison.targetRows()).isEqualTo(20_000);
        assertThat(comparison.differs()).isTrue();
        assertThat(comparison.sourceOnlyRows()).isEqualTo(1);
        assertThat(comparison.targetOnlyRows()).isEqualTo(1);
        assertThat(comparison.sample()).containsExactlyInAnyOrder(
                new DifferingRow(RowSide.SOURCE_ONLY, "amount=17, customer=c345, note=n0"),
                new DifferingRow(RowSide.TARGET_ONLY, "amount=99, customer=c345, note=changed"));
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void aDuplicatedRowIsFoundThoughTheSameRowExistsOnBothSides(RowFormat format) {
        List<Row> duplicated = new ArrayList<>(rows());
        duplicated.add(duplicated.get(7));

        RowComparison comparison = compare("duplicated", rows(), duplicated, format);

        assertThat(comparison.targetRows()).isEqualTo(20_001);
        assertThat(comparison.sourceOnlyRows()).isZero();
        assertThat(comparison.targetOnlyRows()).isEqualTo(1);
        assertThat(comparison.sample()).containsExactly(
                new DifferingRow(RowSide.TARGET_ONLY, "amount=7, customer=c7, note=n0"));
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void aDeletedRowIsFound(RowFormat format) {
        List<Row> deleted = new ArrayList<>(rows());
        deleted.remove(3);

        RowComparison comparison = compare("deleted", rows(), deleted, format);

        assertThat(comparison.targetRows()).isEqualTo(19_999);
        assertThat(comparison.sourceOnlyRows()).isEqualTo(1);
        assertThat(comparison.targetOnlyRows()).isZero();
        assertThat(comparison.sample()).containsExactly(
                new DifferingRow(RowSide.SOURCE_ONLY, "amount=3, customer=c3, note=null"));
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void moreDifferingRowsThanTheSampleAreAllCountedAndEachSideSampled(RowFormat format) {
        List<Row> source = new ArrayList<>(rows());
        List<Row> target = new ArrayList<>(rows());
        for (int i = 0; i < 12; i++) {
            target.set(100 * i, RowFactory.create("changed-" + i, 1L, "x"));
        }

        RowComparison comparison = compare("many-changed", source, target, format);

        assertThat(comparison.sourceOnlyRows()).isEqualTo(12);
        assertThat(comparison.targetOnlyRows()).isEqualTo(12);
        assertThat(comparison.sample()).hasSize(10);
        assertThat(comparison.sample()).filteredOn(row -> row.side() == RowSide.SOURCE_ONLY).hasSize(5);
        assertThat(comparison.sample()).filteredOn(row -> row.side() == RowSide.TARGET_ONLY).hasSize(5)
                .allSatisfy(row -> assertThat(row.row()).contains("customer=changed-"));
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void nullsInDifferentColumnsAreDifferentRows(RowFormat format) {
        List<Row> source = List.of(RowFactory.create("x", 1L, null));
        List<Row> target = List.of(RowFactory.create(null, 1L, "x"));

        RowComparison comparison = compare("nulls", source, target, format);

        assertThat(comparison.differingRows()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void nullsInDifferentColumnsOfAWideRowAreDifferentRowsThroughSparkSql(RowFormat format) {
        StructType wide = new StructType();
        for (int c = 0; c < 70; c++) {
            wide = wide.add(String.format("c%02d", c), DataTypes.StringType);
        }
        Object[] source = java.util.Collections.nCopies(70, "v").toArray();
        Object[] target = source.clone();
        source[66] = null;
        target[67] = null;
        String sourceAt = dir.resolve(format.sourceName()).resolve("wide-a").toUri().toString();
        String targetAt = dir.resolve(format.sourceName()).resolve("wide-b").toUri().toString();
        engine.session().createDataFrame(List.of(RowFactory.create(source)), wide).write().mode(SaveMode.Overwrite)
                .format(format.sourceName()).save(sourceAt);
        engine.session().createDataFrame(List.of(RowFactory.create(target)), wide).write().mode(SaveMode.Overwrite)
                .format(format.sourceName()).save(targetAt);

        List<RowComparison> results = new SparkRowComparer(engine).withoutFileDigest().compare(TABLE,
                List.of(new RowObject(List.of(), new RowLocation(A, sourceAt, format),
                        new RowLocation(B, targetAt, format))), 5);

        assertThat(results.get(0).error()).isEmpty();
        assertThat(results.get(0).sourceOnlyRows()).isEqualTo(1);
        assertThat(results.get(0).targetOnlyRows()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void aNullAndAnEmptyStringAreDifferentRows(RowFormat format) {
        List<Row> source = new ArrayList<>(rows());
        List<Row> target = new ArrayList<>(rows());
        source.set(9_999, RowFactory.create("c499", 9L, ""));
        target.set(9_999, RowFactory.create("c499", 9L, null));

        RowComparison comparison = compare("empty", source, target, format);

        assertThat(comparison.sourceOnlyRows()).isEqualTo(1);
        assertThat(comparison.targetOnlyRows()).isEqualTo(1);
        assertThat(comparison.sample()).containsExactlyInAnyOrder(
                new DifferingRow(RowSide.SOURCE_ONLY, "amount=9, customer=c499, note="),
                new DifferingRow(RowSide.TARGET_ONLY, "amount=9, customer=c499, note=null"));
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void manyObjectsAreComparedInOnePassAndAMissingLocationFailsOnlyItsObject(RowFormat format) {
        List<RowObject> objects = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            List<Row> target = new ArrayList<>(rows().subList(0, 1000 + p));
            if (p == 4) {
                target.set(10, RowFactory.create("other", 1L, "x"));
            }
            objects.add(new RowObject(List.of("p" + p),
                    new RowLocation(A, write("many-a-" + p, rows().subList(0, 1000 + p), format), format),
                    new RowLocation(B, write("many-b-" + p, target, format), format)));
        }
        objects.add(new RowObject(List.of("gone"), new RowLocation(A, write("gone-a", rows(), format), format),
                new RowLocation(B, dir.resolve("nowhere").toUri().toString(), format)));

        SparkRowComparer comparer = new SparkRowComparer(engine);
        List<RowComparison> results = comparer.compare(TABLE, objects, 3);

        assertThat(results).extracting(RowComparison::differs)
                .containsExactly(false, false, false, false, true, false, false);
        assertThat(comparer.digestedObjects()).isEqualTo(6);
        assertThat(results.get(4).differingRows()).isEqualTo(2);
        assertThat(results.get(6).failed()).isTrue();
        assertThat(results.get(6).error()).contains("nowhere");
    }

    private static final StructType MAP_SCHEMA = new StructType().add("id", DataTypes.LongType)
            .add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("history", DataTypes.createArrayType(
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));

    /** 500 rows whose maps hold their entries in insertion order, forwards or backwards. */
    private static List<Row> mapRows(boolean backwards, long changedValue) {
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 500; i++) {
            java.util.LinkedHashMap<String, Long> tags = new java.util.LinkedHashMap<>();
            java.util.LinkedHashMap<String, String> step = new java.util.LinkedHashMap<>();
            List<String> keys = new ArrayList<>(List.of("k" + i % 5, "m" + i % 3, "z"));
            if (backwards) {
                java.util.Collections.reverse(keys);
            }
            for (String key : keys) {
                tags.put(key, i == 7 && key.equals("z") ? changedValue : i * key.length());
                step.put(key, key + i);
            }
            rows.add(RowFactory.create(i, i % 50 == 0 ? null : tags, List.of(step, Map.of())));
        }
        return rows;
    }

    private static RowComparison compareMaps(String name, List<Row> source, List<Row> target, RowFormat format) {
        String sourceAt = dir.resolve(format.sourceName()).resolve(name + "-a").toUri().toString();
        String targetAt = dir.resolve(format.sourceName()).resolve(name + "-b").toUri().toString();
        engine.session().createDataFrame(source, MAP_SCHEMA).repartition(2).write().mode(SaveMode.Overwrite)
                .format(format.sourceName()).save(sourceAt);
        engine.session().createDataFrame(target, MAP_SCHEMA).repartition(3).write().mode(SaveMode.Overwrite)
                .format(format.sourceName()).save(targetAt);
        SparkRowComparer comparer = new SparkRowComparer(engine);
        List<RowComparison> results = comparer.compare(TABLE, List.of(new RowObject(List.of(),
                new RowLocation(A, sourceAt, format), new RowLocation(B, targetAt, format))), 5);
        assertThat(comparer.digestedObjects()).as("maps are compared with Spark SQL").isZero();
        assertThat(results).hasSize(1);
        assertThat(results.get(0).error()).isEmpty();
        return results.get(0);
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void mapsWithTheSameEntriesInAnotherOrderAreEqual(RowFormat format) {
        RowComparison comparison = compareMaps("maps-equal", mapRows(false, 14), mapRows(true, 14), format);

        assertThat(comparison.differs()).isFalse();
        assertThat(comparison.sourceRows()).isEqualTo(500).isEqualTo(comparison.targetRows());
    }

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void aChangedMapValueIsFoundAndShownWithItsEntriesSorted(RowFormat format) {
        RowComparison comparison = compareMaps("maps-changed", mapRows(false, 7), mapRows(true, 99), format);

        assertThat(comparison.sourceOnlyRows()).isEqualTo(1);
        assertThat(comparison.targetOnlyRows()).isEqualTo(1);
        assertThat(comparison.sample()).containsExactlyInAnyOrder(
                new DifferingRow(RowSide.SOURCE_ONLY, "history=[{k2=k27, m1=m17, z=z7}, {}], id=7,"
                        + " tags={k2=14, m1=14, z=7}"),
                new DifferingRow(RowSide.TARGET_ONLY, "history=[{k2=k27, m1=m17, z=z7}, {}], id=7,"
                        + " tags={k2=14, m1=14, z=99}"));
    }
}
