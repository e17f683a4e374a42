package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.region.FileLayout;
import io.strait.common.region.RegionId;
import org.junit.jupiter.api.Test;

/** {@code regions.<name>.files}: unset keeps the source's layout; values; problems naming file, field and fix. */
class RegionFilesConfigTest {
    private static StraitConfig parse(String filesOfB) {
        return TwoRegionConfigs.onHdfsWithRegionB(filesOfB);
    }

    @Test
    void unsetKeepsTheSourceLayoutAndValuesOverrideIt() {
        assertThat(parse("").region(RegionId.of("b")).fileLayout()).isEqualTo(FileLayout.DEFAULT);
        assertThat(parse(", files: {block-size: 256MB, replication: 2}").region(RegionId.of("b")).fileLayout())
                .isEqualTo(new FileLayout(256L << 20, 2));
        assertThat(parse(", files: {replication: 3}").region(RegionId.of("b")).fileLayout())
                .isEqualTo(new FileLayout(0, 3));
    }

    @Test
    void aBlockSizeThatIsNoMultipleOf512IsAProblem() {
        assertThatThrownBy(() -> parse(", files: {block-size: 1000}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strait.yaml")
                .hasMessageContaining("regions.b.files.block-size")
                .hasMessageContaining("multiple of 512");
    }

    @Test
    void aReplicationBelowOneOrAnUnknownKeyIsAProblem() {
        assertThatThrownBy(() -> parse(", files: {replication: 0}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("regions.b.files.replication");
        assertThatThrownBy(() -> parse(", files: {blocksize: 1MB}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("blocksize");
    }
}
