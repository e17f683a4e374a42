package io.strait.reparo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HiddenFilesTest {
    @ParameterizedTest(name = "{0} hidden: {1}")
    @CsvSource({
        "part-00000.parquet, false",
        "sub/part-0, false",
        "_SUCCESS, true",
        "_committed_123, true",
        ".part-0.crc, true",
        ".staging/part-0, true",
        "_temporary/0/_temporary/attempt_1/part-0, true",
        "ds=1/_temporary/part-0, true",
        "ds=1/.hive-staging_hive_2024/-ext-10000/000000_0, true",
        "a_b/c.d/part_0, false",
        "data/x_, false",
        "_strait_v7_1/part-0, true"})
    void hiveHidesEveryPathWithASegmentStartingWithUnderscoreOrDot(String path, boolean hidden) {
        assertThat(HiddenFiles.HIVE.isHidden(path)).isEqualTo(hidden);
    }

    @Test
    void prefixesAreConfigurable() {
        HiddenFiles custom = new HiddenFiles(List.of("tmp-", "_"));

        assertThat(custom.isHidden("tmp-1/part-0")).isTrue();
        assertThat(custom.isHidden("x/tmp-part")).isTrue();
        assertThat(custom.isHidden(".staging/part-0")).isFalse();
        assertThat(HiddenFiles.none().isHidden("_SUCCESS")).isFalse();
    }

    @Test
    void aPrefixIsANonEmptyNamePrefix() {
        assertThatThrownBy(() -> new HiddenFiles(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HiddenFiles(List.of("a/b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
