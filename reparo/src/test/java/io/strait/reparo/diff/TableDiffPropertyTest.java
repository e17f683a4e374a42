package io.strait.reparo.diff;

import static io.strait.reparo.diff.TestingStates.SOURCE;
import static io.strait.reparo.diff.TestingStates.TABLE;
import static io.strait.reparo.diff.TestingStates.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class TableDiffPropertyTest {
    private static final int EXAMPLES = 200;

    /** What a divergence is about, independent of which side is called source. */
    record Subject(DivergenceClass divergenceClass, List<String> partition, String path) {
    }

    @Test
    void aStateHasNoDivergenceFromItself() {
        theory().forAll(states(SOURCE)).checkAssert(state -> assertThat(TableDiff.diff(state, state)).isEmpty());
    }

    @Test
    void regionsAndLocationsAloneNeverDiverge() {
        theory().forAll(states(SOURCE)).checkAssert(state ->
                assertThat(TableDiff.diff(state, relocated(state, TARGET))).isEmpty());
    }

    @Test
    void everyDivergenceMirrorsWhenSidesSwap() {
        theory().forAll(states(SOURCE), states(TARGET)).checkAssert((a, b) -> {
            List<Subject> forward = TableDiff.diff(a, b).stream().map(d -> new Subject(mirror(d.divergenceClass()),
                    d.partitionValues(), d.relativePath())).toList();
            List<Subject> backward = TableDiff.diff(b, a).stream().map(d -> new Subject(d.divergenceClass(),
                    d.partitionValues(), d.relativePath())).toList();

            assertThat(forward).containsExactlyInAnyOrderElementsOf(backward);
        });
    }

    @Test
    void diffIgnoresListingOrder() {
        theory().forAll(states(SOURCE), states(TARGET), longs().all()).checkAssert((a, b, seed) -> {
            Random random = new Random(seed);
            List<Divergence> expected = TableDiff.diff(a, b);

            assertThat(TableDiff.diff(shuffled(a, random), shuffled(b, random))).isEqualTo(expected);
            assertThat(TableDiff.diff(a, b)).isEqualTo(expected);
        });
    }

    private static QuickTheory theory() {
        return qt().withExamples(EXAMPLES);
    }

    private static Gen<TableState> states(RegionId region) {
        Gen<TableState> present = weighted(Pair.of(1, 0), Pair.of(3, 1), Pair.of(1, 2))
                .flatMap(keyCount -> present(region, keyCount));
        return Generate.frequency(List.of(Pair.of(1, Generate.constant(TableState.absent(region, TABLE))),
                Pair.of(9, present)));
    }

    private static Gen<TableState> present(RegionId region, int keyCount) {
        Gen<List<ColumnSpec>> keys = columns(keyCount, keyCount).assuming(list -> list.size() == keyCount);
        Gen<TableSnapshot> table = weighted(Pair.of(4, TableSnapshot.EXTERNAL_TABLE), Pair.of(1, TableSnapshot.MATERIALIZED_VIEW))
                .zip(columns(0, 2), keys, storage(), parameters(), (type, columns, keyColumns, storage, parameters) ->
                        new TableSnapshot(TABLE, type, "file:/" + region + "/t", columns, keyColumns, storage,
                                parameters, "hive"));
        if (keyCount == 0) {
            return table.zip(files(), (t, files) -> TableState.unpartitioned(region, t, files));
        }
        return table.zip(partitions(region, keyCount), (t, partitions) -> TableState.partitioned(region, t,
                partitions));
    }

    private static Gen<List<PartitionState>> partitions(RegionId region, int keyCount) {
        Gen<List<String>> values = lists().of(arbitrary().pick("1", "2", "3")).ofSize(keyCount);
        Gen<PartitionState> partition = values.zip(storage(), parameters(), files(), (v, storage, parameters,
                files) -> new PartitionState(v, "file:/" + region + "/t/" + v, storage, parameters, files));
        return uniqueLists(partition, 4, PartitionState::values);
    }

    private static Gen<List<FileState>> files() {
        Gen<FileState> file = arbitrary().pick("a", "b", "c/d").zip(arbitrary().pick(0L, 1L),
                arbitrary().pick("crc32c:00000001", "crc32c:00000002"), FileState::new);
        return Generate.frequency(List.of(Pair.of(1, uniqueLists(file, 3, FileState::relativePath)),
                Pair.of(2, Generate.constant(List.of(new FileState("a", 1, "crc32c:00000001"))))));
    }

    private static Gen<List<ColumnSpec>> columns(int minSize, int maxSize) {
        Gen<ColumnSpec> column = arbitrary().pick("id", "ds", "amount").zip(arbitrary().pick("int", "string"),
                ColumnSpec::of);
        return lists().of(column).ofSizeBetween(minSize, maxSize).map(list -> unique(list, ColumnSpec::name));
    }

    private static Gen<StorageFormat> storage() {
        return weighted(Pair.of(4, StorageFormat.PARQUET), Pair.of(1, new StorageFormat("in", "out", "serde",
                Map.of())));
    }

    private static Gen<Map<String, String>> parameters() {
        return lists().of(arbitrary().pick("EXTERNAL", "owner", "numFiles", "strait.source.region")
                .zip(arbitrary().pick("a", "b"), Pair::of)).ofSizeBetween(0, 2).map(entries -> {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    entries.forEach(entry -> parameters.put(entry._1, entry._2));
                    return parameters;
                });
    }

    /** Lists of up to {@code maxSize} elements whose keys differ (later duplicates are dropped). */
    private static <T, K> Gen<List<T>> uniqueLists(Gen<T> element, int maxSize, Function<T, K> key) {
        return lists().of(element).ofSizeBetween(0, maxSize).map(list -> unique(list, key));
    }

    private static <T, K> List<T> unique(List<T> list, Function<T, K> key) {
        Map<K, T> byKey = new LinkedHashMap<>();
        list.forEach(element -> byKey.putIfAbsent(key.apply(element), element));
        return List.copyOf(byKey.values());
    }

    @SafeVarargs
    private static <T> Gen<T> weighted(Pair<Integer, T>... choices) {
        List<Pair<Integer, Gen<T>>> gens = new ArrayList<>();
        for (Pair<Integer, T> choice : choices) {
            gens.add(Pair.of(choice._1, Generate.constant(choice._2)));
        }
        return Generate.frequency(gens);
    }

    private static DivergenceClass mirror(DivergenceClass divergenceClass) {
        String name = divergenceClass.name();
        if (name.startsWith("MISSING_")) {
            return DivergenceClass.valueOf("EXTRA_" + name.substring("MISSING_".length()));
        }
        if (name.startsWith("EXTRA_")) {
            return DivergenceClass.valueOf("MISSING_" + name.substring("EXTRA_".length()));
        }
        return divergenceClass;
    }

    private static TableState relocated(TableState state, RegionId region) {
        Optional<TableSnapshot> table = state.snapshot().map(t -> t.withLocation("file:/elsewhere/t"));
        List<PartitionState> partitions = state.partitions().stream().map(p -> new PartitionState(p.values(),
                "file:/elsewhere/_strait_v1_1/" + p.values(), p.storage(), p.parameters(), p.files())).toList();
        return new TableState(region, state.ref(), table, partitions, state.files());
    }

    private static TableState shuffled(TableState state, Random random) {
        List<PartitionState> partitions = new ArrayList<>();
        for (PartitionState p : state.partitions()) {
            partitions.add(new PartitionState(p.values(), p.location(), p.storage(), p.parameters(),
                    shuffledList(p.files(), random)));
        }
        return new TableState(state.region(), state.ref(), state.snapshot(), shuffledList(partitions, random),
                shuffledList(state.files(), random));
    }

    private static <T> List<T> shuffledList(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
