package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.region.FileEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CopyVerdictTest {
    private static FileCopyResult file(String name, FileVerification verification) {
        return new FileCopyResult(name, 10, "crc32c:1", "crc32c:1", verification, "why");
    }

    private static CopyTask task(List<String> names) {
        return new CopyTask(1, 0, "mem:/a", "mem:/b", names.stream().map(name -> new FileEntry(name, 10, 1)).toList());
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
        List<FileCopyResult> files = new ArrayList<>();
        for (int i = 0; i < verifications.size(); i++) {
            files.add(file("f-" + i, verifications.get(i)));
        }
        CopyTask task = task(files.stream().map(FileCopyResult::relativePath).toList());

        CopyVerdict verdict = CopyVerdict.of(List.of(task), List.of(new CopyTaskResult(1, 0, files)));

        assertThat(verdict.outcome()).isEqualTo(expected);
        if (expected != CopyVerdict.Outcome.VERIFIED) {
            assertThat(verdict.detail()).contains("not verified");
        }
    }

    @Test
    void aFileWithoutAResultIsAMismatchEvenWhenEveryResultIsVerified() {
        CopyTask task = task(List.of("a", "b"));

        CopyVerdict verdict = CopyVerdict.of(List.of(task),
                List.of(new CopyTaskResult(1, 0, List.of(file("a", FileVerification.VERIFIED)))));

        assertThat(verdict.outcome()).isEqualTo(CopyVerdict.Outcome.MISMATCH);
        assertThat(verdict.detail()).contains("task 0 file b has no result");
    }

    @Test
    void aLostTaskResultIsAMismatch() {
        CopyVerdict verdict = CopyVerdict.of(List.of(task(List.of("a"))), List.of());

        assertThat(verdict.outcome()).isEqualTo(CopyVerdict.Outcome.MISMATCH);
    }
}
