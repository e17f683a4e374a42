package io.strait.reparo.diff;

import static io.strait.reparo.diff.TestingStates.SOURCE;
import static io.strait.reparo.diff.TestingStates.TABLE;
import static io.strait.reparo.diff.TestingStates.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class TableDiffPropertyTest {
    /** What a divergence is about, independent of which side is called source. */
    record Subject(DivergenceClass divergenceClass, List<String> partition, String path) {
    }

    @Property(tries = 200)
    void aStateHasNoDivergenceFromItself(@ForAll("sourceStates") TableState state) {
        assertThat(TableDiff.diff(state, state)).isEmpty();
    }

    @Property(tries = 200)
    void regionsAndLocationsAloneNeverDiverge(@ForAll("sourceStates") TableState state) {
        assertThat(TableDiff.diff(state, relocated(state, TARGET))).isEmpty();
    }

    @Property(tries = 200)
    void everyDivergenceMirrorsWhenSidesSwap(@ForAll("sourceStates") TableState a,
            @ForAll("targetStates") TableState b) {
        List<Subject> forward = TableDiff.diff(a, b).stream().map(d -> new Subject(mirror(d.divergenceClass()),
                d.partitionValues(), d.relativePath())).toList();
        List<Subject> backward = TableDiff.diff(b, a).stream().map(d -> new Subject(d.divergenceClass(),
                d.partitionValues(), d.relativePath())).toList();

        assertThat(forward).containsExactlyInAnyOrderElementsOf(backward);
    }

    @Property(tries = 200)
    void diffIgnoresListingOrder(@ForAll("sourceStates") TableState a, @ForAll("targetStates") TableState b,
            @ForAll Random random) {
        List<Divergence> expected = TableDiff.diff(a, b);

        assertThat(TableDiff.diff(shuffled(a, random), shuffled(b, random))).isEqualTo(expected);
        assertThat(TableDiff.diff(a, b)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<TableState> sourceStates() {
        return states(SOURCE);
    }

    @Provide
    Arbitrary<TableState> targetStates() {
        return states(TARGET);
    }

    private static Arbitrary<TableState> states(RegionId region) {
        Arbitrary<TableState> present = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(1, 2))
                .flatMap(keyCount -> present(region, keyCount));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(TableState.absent(region, TABLE))),
                Tuple.of(9, present));
    }

    private static Arbitrary<TableState> present(RegionId region, int keyCount) {
        Arbitrary<TableSnapshot> table = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, TableSnapshot.EXTERNAL_TABLE), Tuple.of(1, "MANAGED_TABLE")),
                columns(2), columns(keyCount).filter(keys -> keys.size() == keyCount),
                storage(), parameters()).as((type, columns, keys, storage, parameters) -> new TableSnapshot(TABLE,
                        type, "file:/" + region + "/t", columns, keys, storage, parameters, "hive"));
        if (keyCount == 0) {
            return Combinators.combine(table, files()).as((t, files) -> TableState.unpartitioned(region, t, files));
        }
        return Combinators.combine(table, partitions(region, keyCount))
                .as((t, partitions) -> TableState.partitioned(region, t, partitions));
    }

    private static Arbitrary<List<PartitionState>> partitions(RegionId region, int keyCount) {
        Arbitrary<List<String>> values = Arbitraries.of("1", "2", "3").list().ofSize(keyCount);
        Arbitrary<PartitionState> partition = Combinators.combine(values, storage(), parameters(), files())
                .as((v, storage, parameters, files) -> new PartitionState(v, "file:/" + region + "/t/" + v, storage,
                        parameters, files));
        return partition.list().ofMaxSize(4).uniqueElements(PartitionState::values);
    }

    private static Arbitrary<List<FileState>> files() {
        Arbitrary<FileState> file = Combinators.combine(Arbitraries.of("a", "b", "c/d"), Arbitraries.of(0L, 1L),
                Arbitraries.of("crc32c:00000001", "crc32c:00000002")).as(FileState::new);
        return Arbitraries.frequencyOf(Tuple.of(1, file.list().ofMaxSize(3).uniqueElements(FileState::relativePath)),
                Tuple.of(2, Arbitraries.just(List.of(new FileState("a", 1, "crc32c:00000001")))));
    }

    private static Arbitrary<List<ColumnSpec>> columns(int maxSize) {
        Arbitrary<ColumnSpec> column = Combinators.combine(Arbitraries.of("id", "ds", "amount"),
                Arbitraries.of("int", "string")).as(ColumnSpec::of);
        return column.list().ofMaxSize(maxSize).uniqueElements(ColumnSpec::name);
    }

    private static Arbitrary<StorageFormat> storage() {
        return Arbitraries.frequency(Tuple.of(4, StorageFormat.PARQUET),
                Tuple.of(1, new StorageFormat("in", "out", "serde", Map.of())));
    }

    private static Arbitrary<Map<String, String>> parameters() {
        return Arbitraries.maps(Arbitraries.of("EXTERNAL", "owner", "numFiles", "strait.source.region"),
                Arbitraries.of("a", "b")).ofMaxSize(2);
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
