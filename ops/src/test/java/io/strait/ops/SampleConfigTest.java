package io.strait.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.region.RegionId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample configuration shipped in the distribution is valid and says what it claims. */
class SampleConfigTest {
    @Test
    void theShippedExampleLoadsWithoutProblems() {
        StraitConfig config = new StraitConfigLoader(name -> java.util.Optional.ofNullable(
                java.util.Map.of("STRAIT_STORE_PASSWORD", "from-the-environment").get(name)))
                .load(Path.of("src/dist/conf/strait.example.yaml"));

        assertThat(config.store().password()).as("the password is read from the environment")
                .isEqualTo("from-the-environment");

        assertThat(config.regions()).containsOnlyKeys(RegionId.of("us-east"), RegionId.of("eu-west"));
        assertThat(config.links()).singleElement().satisfies(link -> {
            assertThat(link.tableFilter().includesTable("sales", "orders")).isTrue();
            assertThat(link.tableFilter().includesTable("sales", "tmp_load")).isFalse();
        });
        assertThat(config.copy().taskTargetBytes().bytes()).isEqualTo(256L << 20);
    }
}
