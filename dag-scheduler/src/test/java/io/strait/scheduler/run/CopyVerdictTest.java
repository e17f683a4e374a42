package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CopyVerdictTest {
    private static FileCopyResult file(String name, FileVerification verification) {
        return new FileCopyResult(name, 10, "crc32c:1", "crc32c:1", verification, "why");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), CopyVerdict.Outcome.VERIFIED),
                Arguments.of(List.of(FileVerification.VERIFIED, FileVerification.VERIFIED), CopyVerdict.Outcome.VERIFIED),
                Arguments.of(List.of(FileVerification.VERIFIED, FileVerification.MISMATCH), CopyVerdict.Outcome.MISMATCH),
                Arguments.of(List.of(FileVerification.FAILED), CopyVerdict.Outcome.MISMATCH),
                Arguments.of(List.of(FileVerification.PENDING), CopyVerdict.Outcome.MISMATCH),
                Arguments.of(List.of(FileVerification.UNVERIFIABLE, FileVerification.VERIFIED), CopyVerdict.Outcome.UNVERIFIABLE),
                Arguments.of(List.of(FileVerification.UNVERIFIABLE, FileVerification.MISMATCH), CopyVerdict.Outcome.MISMATCH));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void oneBadFileMakesTheVersionBad(List<FileVerification> verifications, CopyVerdict.Outcome expected) {
        List<FileCopyResult> files = verifications.stream().map(v -> file("f-" + v, v)).toList();

        CopyVerdict verdict = CopyVerdict.of(files);

        assertThat(verdict.outcome()).isEqualTo(expected);
        if (expected != CopyVerdict.Outcome.VERIFIED) {
            assertThat(verdict.detail()).contains("not verified");
        }
    }
}
