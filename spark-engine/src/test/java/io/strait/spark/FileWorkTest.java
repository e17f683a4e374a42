package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileWorkTest {
    private static FileWork file(int task, int index, long bytes) {
        return new FileWork(1, task, index, "file:/a", "file:/b", "f" + task + "-" + index, bytes, 0, "", 0, "");
    }

    @Test
    void slicesHoldAboutEqualBytesEachInTaskAndFileOrder() {
        List<FileWork> work = List.of(file(0, 0, 100), file(0, 1, 10), file(0, 2, 10), file(1, 0, 50),
                file(1, 1, 40), file(1, 2, 10));

        List<ArrayList<FileWork>> slices = FileWork.balance(work, 2);

        assertThat(slices).hasSize(2);
        assertThat(slices).extracting(slice -> slice.stream().mapToLong(FileWork::sizeBytes).sum())
                .containsExactlyInAnyOrder(110L, 110L);
        assertThat(slices).allSatisfy(slice -> assertThat(slice).isSortedAccordingTo(java.util.Comparator
                .comparingInt(FileWork::taskIndex).thenComparingInt(FileWork::fileIndex)));
        assertThat(slices.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(work);
    }

    @Test
    void neverMoreSlicesThanFilesAndAtLeastOne() {
        assertThat(FileWork.balance(List.of(file(0, 0, 1)), 8)).hasSize(1);
        assertThat(FileWork.balance(List.of(file(0, 0, 1), file(0, 1, 1)), 0)).hasSize(1);
        assertThat(FileWork.balance(List.of(), 4)).isEmpty();
    }
}
