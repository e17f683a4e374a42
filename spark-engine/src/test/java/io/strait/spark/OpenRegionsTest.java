package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenRegionsTest {
    @TempDir
    Path directory;

    private final AtomicInteger opened = new AtomicInteger();
    private final List<HadoopRegionFileSystem> made = new ArrayList<>();
    private final OpenRegions regions = new OpenRegions(settings -> {
        opened.incrementAndGet();
        HadoopRegionFileSystem fs = settings.open();
        made.add(fs);
        return fs;
    });

    @Test
    void aRegionIsOpenedOnceAndSharedByEveryUseWithTheSameSettings() throws IOException {
        RegionSettings a = RegionSettings.of(RegionId.of("a"), Map.of("io.file.buffer.size", "65536"));

        HadoopRegionFileSystem first = regions.of(a);
        HadoopRegionFileSystem again = regions.of(RegionSettings.of(RegionId.of("a"),
                Map.of("io.file.buffer.size", "65536")));

        assertThat(again).isSameAs(first);
        assertThat(opened).hasValue(1);
        first.mkdirs(directory.resolve("x").toUri().toString());
        assertThat(Files.isDirectory(directory.resolve("x"))).isTrue();
    }

    @Test
    void twoRegionsWithTheSameSettingsNeverShareAFilesystem() {
        Map<String, String> same = Map.of("io.file.buffer.size", "65536");

        HadoopRegionFileSystem a = regions.of(RegionSettings.of(RegionId.of("a"), same));
        HadoopRegionFileSystem b = regions.of(RegionSettings.of(RegionId.of("b"), same));
        HadoopRegionFileSystem otherSettings = regions.of(RegionSettings.of(RegionId.of("a"),
                Map.of("io.file.buffer.size", "131072")));

        assertThat(a).isNotSameAs(b).isNotSameAs(otherSettings);
        assertThat(a.region()).isEqualTo(RegionId.of("a"));
        assertThat(b.region()).isEqualTo(RegionId.of("b"));
        assertThat(regions.size()).isEqualTo(3);
    }

    @Test
    void closingAllClosesEveryFilesystemAndTheNextUseOpensAFreshOne() {
        RegionSettings a = RegionSettings.of(RegionId.of("a"), Map.of());
        HadoopRegionFileSystem first = regions.of(a);

        regions.closeAll();

        assertThat(regions.size()).isZero();
        assertThatThrownBy(() -> first.mkdirs(directory.resolve("y").toUri().toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(regions.of(a)).isNotSameAs(first);
        assertThat(opened).hasValue(2);
    }
}
