package io.strait.reparo.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileStateTest {
    private static final long T1 = 1_700_000_000_000L;
    private static final long T2 = 1_700_000_500_000L;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("bytes: same size and checksum", read(10, "crc32c:00000001"), read(10, "crc32c:00000001"),
                        true),
                Arguments.of("bytes: same size, other checksum", read(10, "crc32c:00000001"),
                        read(10, "crc32c:00000002"), false),
                Arguments.of("bytes: other size", read(10, "crc32c:00000001"), read(11, "crc32c:00000001"), false),
                Arguments.of("files: same size, times differ but no record", FileState.listed("p", 10, T1),
                        FileState.listed("p", 10, T2), true),
                Arguments.of("files: other size", FileState.listed("p", 10, T1), FileState.listed("p", 9, T1), false),
                Arguments.of("files: copy of the source's current version", FileState.listed("p", 10, T1),
                        FileState.recorded("p", 10, T2, "crc32c:00000001", T1), true),
                Arguments.of("files: copy of an older version of the source", FileState.listed("p", 10, T2),
                        FileState.recorded("p", 10, T2, "crc32c:00000001", T1), false),
                Arguments.of("files: a recorded checksum meets a read one", read(10, "crc32c:00000001"),
                        FileState.recorded("p", 10, T2, "crc32c:00000002", T1), false),
                Arguments.of("files: a record meets a file without time", read(10, "crc32c:00000001"),
                        FileState.recorded("p", 10, T2, "crc32c:00000001", T1), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sameContentWhenEverythingBothSidesKnowAgrees(String name, FileState source, FileState target,
            boolean same) {
        assertThat(source.sameContentAs(target)).isEqualTo(same);
        assertThat(target.sameContentAs(source)).as("symmetric").isEqualTo(same);
    }

    @Test
    void describesWhatIsKnown() {
        assertThat(read(3, "crc32c:0000000a").describe()).isEqualTo("size=3 crc32c:0000000a");
        assertThat(FileState.listed("p", 3, T1).describe()).isEqualTo("size=3 modified 2023-11-14T22:13:20Z");
        assertThat(FileState.recorded("p", 3, T2, "crc32c:0000000a", T1).describe())
                .isEqualTo("size=3 crc32c:0000000a verified copy of the version modified 2023-11-14T22:13:20Z");
        assertThat(new FileState("p", 3, "", -1, -1).describe()).isEqualTo("size=3");
    }

    private static FileState read(long size, String checksum) {
        return new FileState("p", size, checksum);
    }
}
