package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The row hash depends on the columns' order and nulls; an object's digest on its rows, not their order. */
class RowDigestTest {
    private static final long A = ValueHash.ofLong(1);
    private static final long B = ValueHash.ofLong(2);
    private static final long EMPTY = ValueHash.ofBytes(new byte[0]);

    record Rows(String what, long[] one, long[] other) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Rows> differentRows() {
        return List.of(
                new Rows("swapped values", new long[] {A, B}, new long[] {B, A}),
                new Rows("a null in another column", new long[] {ValueHash.NULL, A}, new long[] {A, ValueHash.NULL}),
                new Rows("null and the empty string", new long[] {A, ValueHash.NULL}, new long[] {A, EMPTY}),
                new Rows("one column more", new long[] {A}, new long[] {A, ValueHash.NULL}),
                new Rows("equal values, one changed", new long[] {A, A}, new long[] {A, B}));
    }

    @ParameterizedTest
    @MethodSource("differentRows")
    void differentRowsHashApart(Rows rows) {
        assertThat(RowDigest.ofRow(rows.one())).isNotEqualTo(RowDigest.ofRow(rows.other()));
    }

    @Test
    void theSameRowHashesAlike() {
        assertThat(RowDigest.ofRow(A, ValueHash.NULL, B)).isEqualTo(RowDigest.ofRow(A, ValueHash.NULL, B));
    }

    @Test
    void anObjectsDigestDependsOnItsRowsNotTheirOrderAndCountsDuplicates() {
        Random random = new Random(7);
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(RowDigest.ofRow(ValueHash.ofLong(random.nextInt(50)), ValueHash.ofLong(random.nextInt(3))));
        }
        List<Long> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        List<Long> duplicated = new ArrayList<>(rows);
        duplicated.set(0, rows.get(1));
        List<Long> twice = new ArrayList<>(rows);
        twice.addAll(rows);

        assertThat(digest(shuffled)).isEqualTo(digest(rows));
        assertThat(digest(rows.subList(0, 400)).plus(digest(rows.subList(400, 1000)))).isEqualTo(digest(rows));
        assertThat(digest(duplicated)).isNotEqualTo(digest(rows));
        assertThat(digest(duplicated).rows()).isEqualTo(digest(rows).rows());
        assertThat(digest(twice).hashSum()).isEqualTo(2 * digest(rows).hashSum());
        assertThat(digest(twice)).isNotEqualTo(digest(rows));
    }

    private static ObjectDigest digest(List<Long> rowHashes) {
        ObjectDigest digest = ObjectDigest.EMPTY;
        for (long row : rowHashes) {
            digest = digest.withRow(row);
        }
        return digest;
    }
}
