package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {
    @Test
    void straitsDefaultsApplyAndConfiguredSettingsWinOverThem() {
        Map<String, String> defaults = SparkSettings.local(2).effective("app");
        Map<String, String> configured = new SparkSettings("local[2]", Map.of(
                "spark.sql.inMemoryColumnarStorage.compressed", "true", "spark.sql.shuffle.partitions", "3"))
                .effective("app");

        assertThat(defaults).containsEntry("spark.sql.inMemoryColumnarStorage.compressed", "false")
                .containsEntry("spark.sql.shuffle.partitions", "8")
                .containsEntry("spark.sql.session.timeZone", "UTC")
                .containsEntry("spark.ui.enabled", "false")
                .containsEntry("spark.app.name", "app");
        assertThat(configured).containsEntry("spark.sql.inMemoryColumnarStorage.compressed", "true")
                .containsEntry("spark.sql.shuffle.partitions", "3")
                .containsEntry("spark.sql.session.timeZone", "UTC");
    }

    @Test
    void aLocalMasterBindsTheDriverToTheLoopbackAndAClusterDoesNot() {
        assertThat(SparkSettings.local(2).effective("app")).containsEntry("spark.master", "local[2]")
                .containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1");
        assertThat(new SparkSettings("spark://master:7077", Map.of()).effective("app"))
                .containsEntry("spark.master", "spark://master:7077")
                .doesNotContainKeys("spark.driver.host", "spark.driver.bindAddress");
    }

    @Test
    void straitsPluginIsAlwaysAmongTheConfiguredPlugins() {
        String plugin = DelegationTokensPlugin.class.getName();

        assertThat(SparkSettings.local(1).effective("app")).containsEntry(SparkSettings.PLUGINS, plugin);
        assertThat(SparkSettings.local(1).with(SparkSettings.PLUGINS, "com.example.Other").effective("app"))
                .containsEntry(SparkSettings.PLUGINS, "com.example.Other," + plugin);
        assertThat(SparkSettings.local(1).with(SparkSettings.PLUGINS, plugin + ", com.example.Other").effective("app")
                .get(SparkSettings.PLUGINS)).containsOnlyOnce(plugin);
    }
}
