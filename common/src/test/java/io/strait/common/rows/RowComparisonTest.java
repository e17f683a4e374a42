package io.strait.common.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.ReconcileDepth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowComparisonTest {
    @Test
    void equalRowsDoNotDifferAndAFailureIsNotADifference() {
        assertThat(RowComparison.equal(List.of("1"), 10).differs()).isFalse();
        assertThat(RowComparison.failed(List.of("1"), "cannot read").differs()).isFalse();
        assertThat(RowComparison.failed(List.of("1"), "cannot read").failed()).isTrue();
    }

    @Test
    void rowsOnOneSideOnlyOrAnotherCountDiffer() {
        assertThat(new RowComparison(List.of(), 10, 10, 1, 1, List.of(), "").differs()).isTrue();
        assertThat(new RowComparison(List.of(), 10, 10, 1, 1, List.of(), "").differingRows()).isEqualTo(2);
        assertThat(new RowComparison(List.of(), 10, 11, 0, 0, List.of(), "").differs()).isTrue();
    }

    @Test
    void rowsDepthChecksFilesAsFilesDepthDoes() {
        assertThat(ReconcileDepth.parse("ROWS")).isEqualTo(ReconcileDepth.ROWS);
        assertThat(ReconcileDepth.ROWS.label()).isEqualTo("rows");
        assertThat(ReconcileDepth.ROWS.fileDepth()).isEqualTo(ReconcileDepth.FILES);
        assertThat(ReconcileDepth.BYTES.fileDepth()).isEqualTo(ReconcileDepth.BYTES);
    }
}
