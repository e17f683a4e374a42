package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Property
    void printingAndParsingRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        assertThat(DataSize.parse(new DataSize(bytes).toString())).isEqualTo(new DataSize(bytes));
    }

    @Property
    void everyUnitIsAPowerOf1024(@ForAll @LongRange(min = 0, max = 1 << 20) long number) {
        assertThat(DataSize.parse(number + "KB").bytes()).isEqualTo(number * 1024);
        assertThat(DataSize.parse(number + "MB").bytes()).isEqualTo(number * 1024 * 1024);
        assertThat(DataSize.parse(number + "GB").bytes()).isEqualTo(number * 1024 * 1024 * 1024);
    }
}
