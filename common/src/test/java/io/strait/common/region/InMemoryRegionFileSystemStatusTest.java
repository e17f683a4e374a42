package io.strait.common.region;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link InMemoryRegionFileSystem#status} and {@link InMemoryRegionFileSystem#overwriteInPlace}. */
class InMemoryRegionFileSystemStatusTest {
    private static final long NOW = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final String FILE = "file:/warehouse/sales.db/orders/ds=1/part-0";

    private final InMemoryRegionFileSystem fs = new InMemoryRegionFileSystem(RegionId.of("eu-west"),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void statusIsLengthModificationTimeAndAGenerationAsTheListingShowsThem() throws IOException {
        fs.write(FILE, bytes("hello"));

        FileIdentity status = fs.status(FILE);

        assertThat(status.length()).isEqualTo(5);
        assertThat(status.modificationTimeMillis()).isEqualTo(NOW);
        assertThat(status.checksumOrVersion()).startsWith("generation:");
        assertThat(FileIdentity.listed(fs.listFiles("file:/warehouse/sales.db/orders").get(0))
                .describeChange(status)).isEmpty();
    }

    @Test
    void statusOfAMissingFileOrADirectoryFails() throws IOException {
        fs.write(FILE, bytes("hello"));

        assertThatThrownBy(() -> fs.status(FILE + "-missing")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> fs.status("file:/warehouse/sales.db/orders/ds=1"))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void aRecreatedFileWithTheSameBytesAndTimeIsANewGeneration() throws IOException {
        fs.write(FILE, bytes("hello"));
        FileIdentity first = fs.status(FILE);
        fs.delete(FILE);
        fs.write(FILE, bytes("hello"));

        assertThat(first.describeChange(fs.status(FILE))).hasValueSatisfying(change ->
                assertThat(change).startsWith("checksum/version generation:"));
    }

    @Test
    void anOverwriteInPlaceChangesTheBytesUnderAnOpenStreamAndMovesTheModificationTime() throws IOException {
        fs.write(FILE, bytes("aaaaaaaaaa"));
        FileIdentity before = fs.status(FILE);
        try (InputStream in = fs.open(FILE)) {
            assertThat(new String(in.readNBytes(3), UTF_8)).isEqualTo("aaa");

            fs.overwriteInPlace(FILE, 0, bytes("bb"));
            fs.overwriteInPlace(FILE, 8, bytes("cc"));

            assertThat(new String(in.readAllBytes(), UTF_8)).as("the rest, read after the overwrite")
                    .isEqualTo("aaaaacc");
        }
        FileIdentity after = fs.status(FILE);
        assertThat(after.length()).isEqualTo(10);
        assertThat(after.modificationTimeMillis()).as("later although the clock stands still").isEqualTo(NOW + 2);
        assertThat(before.describeChange(after)).hasValueSatisfying(change -> assertThat(change)
                .contains("modified 2024-05-01T10:00:00Z -> 2024-05-01T10:00:00.002Z", "checksum/version")
                .doesNotContain("length"));
        try (InputStream in = fs.open(FILE)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("bbaaaaaacc");
        }
    }

    @Test
    void anOverwritePastTheEndGrowsTheFile() throws IOException {
        fs.write(FILE, bytes("abc"));

        fs.overwriteInPlace(FILE, 2, bytes("XYZ"));

        assertThat(fs.length(FILE)).isEqualTo(5);
        try (InputStream in = fs.open(FILE)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("abXYZ");
        }
        assertThatThrownBy(() -> fs.overwriteInPlace(FILE + "-missing", 0, bytes("x")))
                .isInstanceOf(FileNotFoundException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
