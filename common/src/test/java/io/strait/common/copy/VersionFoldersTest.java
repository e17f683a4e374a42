package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class VersionFoldersTest {
    @ParameterizedTest(name = "{0} job {1} attempt {2} -> {3}")
    @CsvSource({
            "file:/b/sales.db/orders/ds=1,   42, 1, file:/b/sales.db/orders/ds=1/_strait_v42_1",
            "file:/b/sales.db/orders/ds=1/,  42, 3, file:/b/sales.db/orders/ds=1/_strait_v42_3",
            "hdfs://nn-b:8020/w/t,            7, 2, hdfs://nn-b:8020/w/t/_strait_v7_2",
    })
    void namesAFolderBelowTheMappedLocation(String location, long jobId, int attempt, String expected) {
        assertThat(VersionFolders.versionFolder(location, jobId, attempt)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "job {0} attempt {1}")
    @CsvSource({"0, 1", "1, 0", "-1, 1", "1, -1"})
    void refusesIdsThatNoJobHas(long jobId, int attempt) {
        assertThatThrownBy(() -> VersionFolders.versionFolder("file:/b/t", jobId, attempt))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "file:/b/t/ds=1/_strait_v42_1,   true",
            "file:/b/t/ds=1/_strait_v42_1/,  true",
            "_strait_v1_1,                   true",
            "file:/b/t/ds=1,                 false",
            "file:/b/t/_strait_v1_1/ds=1,    false",
            "file:/b/t/strait_v1_1,          false",
            "file:/b/t/_SUCCESS,             false",
    })
    void recognisesVersionFoldersByTheirLastSegment(String location, boolean expected) {
        assertThat(VersionFolders.isVersionFolder(location)).isEqualTo(expected);
    }

    @Test
    void aVersionFolderIsRecognisedAndLiesDirectlyBelowItsLocation() {
        Gen<Long> jobIds = longs().between(1, Long.MAX_VALUE).mix(arbitrary().pick(1L, 2L, Long.MAX_VALUE), 10);
        Gen<Integer> attempts = integers().between(1, Integer.MAX_VALUE)
                .mix(arbitrary().pick(1, 2, Integer.MAX_VALUE), 10);
        qt().forAll(jobIds, attempts).checkAssert((jobId, attempt) -> {
            String folder = VersionFolders.versionFolder("hdfs://nn/w/t/ds=1", jobId, attempt);
            assertThat(VersionFolders.isVersionFolder(folder)).isTrue();
            assertThat(folder).startsWith("hdfs://nn/w/t/ds=1/_strait_v").doesNotContain("//w");
            assertThat(folder.substring("hdfs://nn/w/t/ds=1/".length())).doesNotContain("/");
        });
    }

    /** Jobs 1 to 10,000 and attempts 1 to 50; a third of them below 12 so that runs often share a job or digits. */
    @Test
    void aFolderIsNeverReusedByAnotherJobOrAttempt() {
        Gen<Long> jobs = longs().between(1, 10_000).mix(longs().between(1, 12), 33);
        Gen<Integer> attempts = integers().between(1, 50).mix(integers().between(1, 12), 33);
        qt().forAll(jobs, attempts, jobs, attempts).checkAssert((jobA, attemptA, jobB, attemptB) -> {
            boolean sameRun = jobA.equals(jobB) && attemptA.equals(attemptB);
            assertThat(VersionFolders.versionFolder("file:/b/t", jobA, attemptA)
                    .equals(VersionFolders.versionFolder("file:/b/t", jobB, attemptB))).isEqualTo(sameRun);
        });
    }
}
