package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.region.RegionId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionSettingsTest {
    @Test
    void itsTextNamesTheKeysButNeverTheValues() {
        RegionSettings settings = RegionSettings.of(RegionId.of("lake"), Map.of(
                "fs.s3a.access.key", "AKIAEXAMPLEACCESS", "fs.s3a.secret.key", "very-secret-value"));

        assertThat(settings.toString()).contains("lake", "fs.s3a.access.key", "fs.s3a.secret.key")
                .doesNotContain("AKIAEXAMPLEACCESS", "very-secret-value");
        assertThat(settings.hadoop()).containsEntry("fs.s3a.secret.key", "very-secret-value");
    }
}
