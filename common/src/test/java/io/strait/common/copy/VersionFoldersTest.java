package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Property
    void aVersionFolderIsRecognisedAndLiesDirectlyBelowItsLocation(
            @ForAll @LongRange(min = 1) long jobId, @ForAll @IntRange(min = 1) int attempt) {
        String folder = VersionFolders.versionFolder("hdfs://nn/w/t/ds=1", jobId, attempt);
        assertThat(VersionFolders.isVersionFolder(folder)).isTrue();
        assertThat(folder).startsWith("hdfs://nn/w/t/ds=1/_strait_v").doesNotContain("//w");
        assertThat(folder.substring("hdfs://nn/w/t/ds=1/".length())).doesNotContain("/");
    }

    @Property
    void aFolderIsNeverReusedByAnotherJobOrAttempt(
            @ForAll @LongRange(min = 1, max = 10_000) long jobA, @ForAll @IntRange(min = 1, max = 50) int attemptA,
            @ForAll @LongRange(min = 1, max = 10_000) long jobB, @ForAll @IntRange(min = 1, max = 50) int attemptB) {
        boolean sameRun = jobA == jobB && attemptA == attemptB;
        assertThat(VersionFolders.versionFolder("file:/b/t", jobA, attemptA)
                .equals(VersionFolders.versionFolder("file:/b/t", jobB, attemptB))).isEqualTo(sameRun);
    }
}
