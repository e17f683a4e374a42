package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class DataSizeTest {
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0,         0",
            "4096,      4096",
            "4096B,     4096",
            "512KB,     524288",
            "512K,      524288",
            "128MB,     134217728",
            "128mb,     134217728",
            "128 MB,    134217728",
            "' 1GB ',   1073741824",
            "2TB,       2199023255552",
    })
    void parsesBinaryUnits(String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "1.5GB", "-1", "-1MB", "12PB", "1 GiB", "1e6", "128 M B", "ten"})
    void refusesWhatIsNotADataSize(String text) {
        assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void refusesSizesThatDoNotFitInALong() {
        assertThatThrownBy(() -> DataSize.parse("9999999TB")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> DataSize.parse("99999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNegativeSizes() {
        assertThatThrownBy(() -> new DataSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bytes = {1}")
    @CsvSource({
            "0,             0B",
            "1,             1B",
            "1536,          1536B",
            "1024,          1KB",
            "134217728,     128MB",
            "1073741824,    1GB",
            "1099511627776, 1TB",
            "1125899906842624, 1024TB",
    })
    void printsTheLargestExactUnit(long bytes, String text) {
        assertThat(new DataSize(bytes)).hasToString(text);
    }

    @Test
    void printingAndParsingRoundTrips() {
        qt().forAll(sizes()).checkAssert(bytes ->
                assertThat(DataSize.parse(new DataSize(bytes).toString())).isEqualTo(new DataSize(bytes)));
    }

    @Test
    void everyUnitIsAPowerOf1024() {
        qt().forAll(longs().between(0, 1 << 20)).checkAssert(number -> {
            assertThat(DataSize.parse(number + "KB").bytes()).isEqualTo(number * 1024);
            assertThat(DataSize.parse(number + "MB").bytes()).isEqualTo(number * 1024 * 1024);
            assertThat(DataSize.parse(number + "GB").bytes()).isEqualTo(number * 1024 * 1024 * 1024);
        });
    }

    /** Any size from 0 to Long.MAX_VALUE, often an exact number of B, KB, MB, GB or TB, and the edges. */
    private static Gen<Long> sizes() {
        Gen<Long> exactUnits = longs().between(0, 1 << 20).zip(integers().between(0, 4),
                (number, unit) -> number << (10 * unit));
        return Generate.frequency(List.of(
                Pair.of(2, longs().between(0, Long.MAX_VALUE)),
                Pair.of(2, exactUnits),
                Pair.of(1, longs().between(0, 4096)),
                Pair.of(1, arbitrary().pick(0L, 1L, 1023L, 1024L, 1L << 50, Long.MAX_VALUE - 1, Long.MAX_VALUE))));
    }
}
