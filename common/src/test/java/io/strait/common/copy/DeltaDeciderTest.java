package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.region.FileEntry;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Which files a new version takes from the previous one: one row per rule. */
class DeltaDeciderTest {
    private static final String V1 = "file:/b/db/t/ds=1/_strait_v7_1";
    private static final ReplicatedVersion PREVIOUS = new ReplicatedVersion(7, V1, List.of(
            new ReplicatedVersion.VerifiedFile("part-0", 100, 1_000, "crc32c:00000001"),
            new ReplicatedVersion.VerifiedFile("sub/part-1", 200, 2_000, "crc32c:00000002"),
            new ReplicatedVersion.VerifiedFile("no-checksum", 300, 3_000, "")));

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("same path, length and modification time", new FileEntry("part-0", 100, 1_000),
                        Optional.of(PREVIOUS), Optional.of(V1), true),
                Arguments.of("nested path unchanged", new FileEntry("sub/part-1", 200, 2_000),
                        Optional.of(PREVIOUS), Optional.of(V1), true),
                Arguments.of("current location spelled file:///", new FileEntry("part-0", 100, 1_000),
                        Optional.of(PREVIOUS), Optional.of("file:///b/db/t/ds=1/_strait_v7_1/"), true),
                Arguments.of("length changed", new FileEntry("part-0", 101, 1_000),
                        Optional.of(PREVIOUS), Optional.of(V1), false),
                Arguments.of("modification time changed", new FileEntry("part-0", 100, 1_001),
                        Optional.of(PREVIOUS), Optional.of(V1), false),
                Arguments.of("modification time unknown", new FileEntry("part-0", 100, 0),
                        Optional.of(PREVIOUS), Optional.of(V1), false),
                Arguments.of("new file", new FileEntry("part-9", 100, 1_000),
                        Optional.of(PREVIOUS), Optional.of(V1), false),
                Arguments.of("same name in another folder", new FileEntry("other/part-0", 100, 1_000),
                        Optional.of(PREVIOUS), Optional.of(V1), false),
                Arguments.of("previous file has no checksum", new FileEntry("no-checksum", 300, 3_000),
                        Optional.of(PREVIOUS), Optional.of(V1), false),
                Arguments.of("no previous version", new FileEntry("part-0", 100, 1_000),
                        Optional.empty(), Optional.of(V1), false),
                Arguments.of("replica points elsewhere (changed outside Strait)", new FileEntry("part-0", 100, 1_000),
                        Optional.of(PREVIOUS), Optional.of("file:/b/db/t/ds=1/_strait_v8_1"), false),
                Arguments.of("replica absent (dropped)", new FileEntry("part-0", 100, 1_000),
                        Optional.of(PREVIOUS), Optional.empty(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String rule, FileEntry now, Optional<ReplicatedVersion> previous, Optional<String> current,
            boolean reusable) {
        List<ReusableFile> decided = DeltaDecider.reusable(List.of(now), previous, current);

        if (reusable) {
            ReplicatedVersion.VerifiedFile recorded = PREVIOUS.files().stream()
                    .filter(file -> file.relativePath().equals(now.relativePath())).findFirst().orElseThrow();
            assertThat(decided).containsExactly(new ReusableFile(now.relativePath(), V1 + "/" + now.relativePath(),
                    recorded.sizeBytes(), recorded.checksum()));
        } else {
            assertThat(decided).isEmpty();
        }
    }

    @Test
    void attachesEachReusableFileToTheTaskThatCarriesIt() {
        List<CopyTask> tasks = List.of(
                new CopyTask(9, 0, "file:/a/x", "file:/b/x/_strait_v9_1", List.of(new FileEntry("part-0", 100, 1_000))),
                new CopyTask(9, 1, "file:/a/x", "file:/b/x/_strait_v9_1", List.of(new FileEntry("part-5", 5, 5),
                        new FileEntry("sub/part-1", 200, 2_000))));
        List<ReusableFile> reusable = DeltaDecider.reusable(tasks.stream().flatMap(task -> task.files().stream())
                .toList(), Optional.of(PREVIOUS), Optional.of(V1));

        List<CopyTask> attached = DeltaDecider.attach(tasks, reusable);

        assertThat(attached.get(0).reusable()).extracting(ReusableFile::relativePath).containsExactly("part-0");
        assertThat(attached.get(1).reusable()).extracting(ReusableFile::relativePath).containsExactly("sub/part-1");
        assertThat(attached.get(1).files()).isEqualTo(tasks.get(1).files());
        assertThatThrownBy(() -> tasks.get(0).withReusable(reusable)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sub/part-1");
    }
}
