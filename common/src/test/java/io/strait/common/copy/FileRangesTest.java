package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.FileRanges.FileRange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRangesTest {
    @ParameterizedTest(name = "length {0}, threshold {1}, range {2}, alignment {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // not above the threshold: copied whole
        "100 | 100 | 10 | 1  | ''",
        "0   | 0   | 10 | 1  | ''",
        // above it: ranges of the range size, the last holds the rest
        "101 | 100 | 40 | 1  | 0+40 40+40 80+21",
        "120 | 100 | 40 | 1  | 0+40 40+40 80+40",
        // the range size rounded up to the alignment (block size)
        "101 | 100 | 30 | 16 | 0+32 32+32 64+32 96+5",
        // one range only: copied whole
        "101 | 100 | 200 | 1 | ''",
        "101 | 50  | 60 | 128 | ''",
        "101 | 50  | 60 | 64 | 0+64 64+37",
        // a threshold of 0 cuts every file bigger than one range
        "3   | 0   | 1  | 1  | 0+1 1+1 2+1",
    })
    void plansRanges(long length, long threshold, long rangeBytes, long alignment, String expected) {
        List<FileRange> ranges = FileRanges.plan(length, threshold, rangeBytes, alignment);

        assertThat(ranges).extracting(range -> range.offset() + "+" + range.length())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ")));
        assertThat(ranges).extracting(FileRange::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, ranges.size()).boxed().toList());
        if (!ranges.isEmpty()) {
            assertThat(ranges.stream().mapToLong(FileRange::length).sum()).isEqualTo(length);
        }
    }

    @ParameterizedTest
    @CsvSource({"-1, 1, 1", "0, 0, 1", "0, 1, 0"})
    void rejectsNonsense(long threshold, long rangeBytes, long alignment) {
        assertThatThrownBy(() -> FileRanges.plan(10, threshold, rangeBytes, alignment))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
