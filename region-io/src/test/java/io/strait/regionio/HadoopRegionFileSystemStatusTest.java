package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.RegionId;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopRegionFileSystem#status} on the local filesystem ({@code file:}, no file checksum). */
class HadoopRegionFileSystemStatusTest {
    private static final Instant AN_HOUR_AGO = Instant.now().minusSeconds(3600);

    @TempDir
    Path root;
    private HadoopRegionFileSystem fileSystem;
    private String rootUri;

    @BeforeEach
    void open() {
        fileSystem = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
        rootUri = "file:" + root.toAbsolutePath();
    }

    @AfterEach
    void close() {
        fileSystem.close();
    }

    @Test
    void statusIsWhatTheListingShowsWithoutAChecksum() throws IOException {
        Path file = write("t/ds=1/part-0", new byte[1234]);

        FileIdentity status = fileSystem.status(rootUri + "/t/ds=1/part-0");
        FileEntry listed = fileSystem.listFiles(rootUri + "/t").get(0);

        assertThat(status).isEqualTo(new FileIdentity(1234, Files.getLastModifiedTime(file).toMillis(), ""));
        assertThat(status.checksumOrVersion()).as("never a checksum on file:").isEmpty();
        assertThat(FileIdentity.listed(listed).describeChange(status)).isEmpty();
    }

    @Test
    void anInPlaceOverwriteThatKeepsTheLengthShowsAsANewModificationTime() throws IOException {
        Path file = write("t/part-0", new byte[4096]);
        Files.setLastModifiedTime(file, FileTime.from(AN_HOUR_AGO));
        FileIdentity before = fileSystem.status(rootUri + "/t/part-0");
        try (RandomAccessFile writer = new RandomAccessFile(file.toFile(), "rw")) {
            writer.seek(100);
            writer.write(new byte[] {1, 2, 3});
        }

        FileIdentity after = fileSystem.status(rootUri + "/t/part-0");

        assertThat(after.length()).isEqualTo(4096);
        assertThat(before.describeChange(after)).hasValueSatisfying(change ->
                assertThat(change).startsWith("modified ").doesNotContain("length"));
    }

    @Test
    void statusOfAMissingFileOrADirectoryFails() throws IOException {
        write("t/part-0", new byte[1]);

        assertThatThrownBy(() -> fileSystem.status(rootUri + "/t/missing")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> fileSystem.status(rootUri + "/t")).isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("is a directory");
    }

    private Path write(String relativePath, byte[] bytes) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
