package io.strait.common.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileIdentityTest {
    private static final long T1 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final long T2 = Instant.parse("2024-05-01T10:00:02.125Z").toEpochMilli();

    @Test
    void theSameIdentityIsNoChange() {
        assertThat(new FileIdentity(5, T1, "etag:\"x\"").describeChange(new FileIdentity(5, T1, "etag:\"x\"")))
                .isEmpty();
        assertThat(FileIdentity.of(0, T1).describeChange(FileIdentity.of(0, T1))).isEmpty();
    }

    @Test
    void everyChangedPartIsNamedWithBothValues() {
        assertThat(new FileIdentity(5, T1, "v1").describeChange(new FileIdentity(7, T2, "v2")))
                .contains("length 5 -> 7, modified 2024-05-01T10:00:00Z -> 2024-05-01T10:00:02.125Z, "
                        + "checksum/version v1 -> v2");
        assertThat(FileIdentity.of(5, T1).describeChange(FileIdentity.of(5, T2)))
                .contains("modified 2024-05-01T10:00:00Z -> 2024-05-01T10:00:02.125Z");
        assertThat(FileIdentity.of(5, T1).describeChange(FileIdentity.of(4, T1))).contains("length 5 -> 4");
        assertThat(new FileIdentity(5, T1, "a").describeChange(new FileIdentity(5, T1, "b")))
                .contains("checksum/version a -> b");
    }

    @Test
    void onlyWhatBothSidesKnowIsCompared() {
        assertThat(new FileIdentity(5, T1, "").describeChange(new FileIdentity(5, T1, "etag:\"x\""))).isEmpty();
        assertThat(new FileIdentity(5, T1, "etag:\"x\"").describeChange(new FileIdentity(5, T1, null))).isEmpty();
        assertThat(FileIdentity.of(5, FileIdentity.UNKNOWN_TIME).describeChange(FileIdentity.of(5, T2))).isEmpty();
        assertThat(FileIdentity.of(5, T1).describeChange(FileIdentity.of(5, FileIdentity.UNKNOWN_TIME))).isEmpty();
        assertThat(FileIdentity.of(5, FileIdentity.UNKNOWN_TIME).describeChange(FileIdentity.of(6, 0)))
                .contains("length 5 -> 6");
    }

    @Test
    void aListedEntryCarriesLengthAndModificationTimeOnly() {
        FileIdentity listed = FileIdentity.listed(new FileEntry("ds=1/part-0", 42, T1));

        assertThat(listed).isEqualTo(new FileIdentity(42, T1, ""));
        assertThat(listed.describeChange(new FileIdentity(42, T1, "generation:3"))).isEmpty();
    }

    @Test
    void aNegativeLengthIsRefused() {
        assertThatThrownBy(() -> FileIdentity.of(-1, T1)).isInstanceOf(IllegalArgumentException.class);
    }
}
