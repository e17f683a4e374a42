package io.strait.common.region;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryRegionFileSystemTest {
    private static final long NOW = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final String TABLE = "file:/warehouse/sales.db/orders";

    private final InMemoryRegionFileSystem fs = new InMemoryRegionFileSystem(RegionId.of("eu-west"),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void aWrittenFileCanBeReadBack() throws IOException {
        fs.write(TABLE + "/ds=1/part-0", bytes("hello"));
        assertThat(fs.exists(TABLE + "/ds=1/part-0")).isTrue();
        assertThat(fs.length(TABLE + "/ds=1/part-0")).isEqualTo(5);
        try (InputStream in = fs.open(TABLE + "/ds=1/part-0")) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("hello");
        }
        assertThat(fs.region()).isEqualTo(RegionId.of("eu-west"));
    }

    @Test
    void aFileIsInvisibleUntilItsStreamIsClosed() throws IOException {
        String file = TABLE + "/ds=1/part-0";
        OutputStream out = fs.create(file);
        out.write(bytes("half"));
        assertThat(fs.exists(file)).isFalse();
        assertThat(fs.listFiles(TABLE)).isEmpty();
        assertThatThrownBy(() -> fs.open(file)).isInstanceOf(FileNotFoundException.class);
        out.close();
        assertThat(fs.exists(file)).isTrue();
        assertThat(fs.listFiles(TABLE)).extracting(FileEntry::relativePath).containsExactly("ds=1/part-0");
    }

    @Test
    void createNeverOverwritesAnExistingFile() throws IOException {
        String file = TABLE + "/part-0";
        fs.write(file, bytes("first"));
        assertThatThrownBy(() -> fs.create(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> fs.write(file, bytes("second"))).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(fs.length(file)).isEqualTo(5);
    }

    @Test
    void ofTwoWritersOfOneNewFileOnlyTheFirstToCloseWins() throws IOException {
        String file = TABLE + "/part-0";
        OutputStream first = fs.create(file);
        OutputStream second = fs.create(file);
        first.write(bytes("first"));
        second.write(bytes("second!"));
        first.close();
        assertThatThrownBy(second::close).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(fs.length(file)).isEqualTo(5);
    }

    @Test
    void listingIsRecursiveRelativeAndSorted() throws IOException {
        fs.write(TABLE + "/ds=2/part-0", bytes("cc"));
        fs.write(TABLE + "/ds=1/sub/part-9", bytes("b"));
        fs.write(TABLE + "/ds=1/part-1", bytes("aaaa"));
        fs.write(TABLE + "/_SUCCESS", new byte[0]);
        assertThat(fs.listFiles(TABLE)).containsExactly(
                new FileEntry("_SUCCESS", 0, NOW),
                new FileEntry("ds=1/part-1", 4, NOW),
                new FileEntry("ds=1/sub/part-9", 1, NOW),
                new FileEntry("ds=2/part-0", 2, NOW));
        assertThat(fs.listFiles(TABLE + "/")).isEqualTo(fs.listFiles(TABLE));
        assertThat(fs.listFiles(TABLE + "/ds=1")).extracting(FileEntry::relativePath)
                .containsExactly("part-1", "sub/part-9");
    }

    @Test
    void listingStopsAtTheDirectoryBoundary() throws IOException {
        fs.write(TABLE + "/part-0", bytes("a"));
        fs.write(TABLE + "_backup/part-0", bytes("b"));
        fs.write(TABLE + "2/part-0", bytes("c"));
        assertThat(fs.listFiles(TABLE)).extracting(FileEntry::relativePath).containsExactly("part-0");
    }

    @Test
    void anAbsentDirectoryListsNothing() throws IOException {
        assertThat(fs.listFiles("file:/nowhere")).isEmpty();
        assertThat(fs.exists("file:/nowhere")).isFalse();
    }

    @Test
    void checksumSideFilesAreNotListed() throws IOException {
        fs.write(TABLE + "/part-0", bytes("a"));
        fs.write(TABLE + "/.part-0.crc", bytes("crc"));
        assertThat(fs.listFiles(TABLE)).extracting(FileEntry::relativePath).containsExactly("part-0");
    }

    @Test
    void directoriesExistWhenMadeOrWhenAFileLiesBelow() throws IOException {
        fs.mkdirs(TABLE + "/ds=1/");
        assertThat(fs.exists(TABLE + "/ds=1")).isTrue();
        assertThat(fs.listFiles(TABLE + "/ds=1")).isEmpty();
        fs.write(TABLE + "/ds=2/part-0", bytes("a"));
        assertThat(fs.exists(TABLE + "/ds=2")).isTrue();
        assertThat(fs.exists(TABLE)).isTrue();
        assertThat(fs.exists(TABLE + "/ds")).isFalse();
    }

    @Test
    void deleteRemovesAWholeTreeAndNothingBeside() throws IOException {
        fs.write(TABLE + "/ds=1/part-0", bytes("a"));
        fs.write(TABLE + "/ds=1/sub/part-1", bytes("b"));
        fs.mkdirs(TABLE + "/ds=1/empty");
        fs.write(TABLE + "/ds=10/part-0", bytes("c"));
        assertThat(fs.delete(TABLE + "/ds=1")).isTrue();
        assertThat(fs.exists(TABLE + "/ds=1")).isFalse();
        assertThat(fs.exists(TABLE + "/ds=1/empty")).isFalse();
        assertThat(fs.listFiles(TABLE)).extracting(FileEntry::relativePath).containsExactly("ds=10/part-0");
        assertThat(fs.delete(TABLE + "/ds=1")).isFalse();
    }

    @Test
    void deleteOfASingleFile() throws IOException {
        fs.write(TABLE + "/part-0", bytes("a"));
        assertThat(fs.delete(TABLE + "/part-0")).isTrue();
        assertThat(fs.exists(TABLE + "/part-0")).isFalse();
        assertThat(fs.delete(TABLE + "/part-0")).isFalse();
    }

    @Test
    void missingFilesFailWithTheirUriAndRegion() {
        assertThatThrownBy(() -> fs.length(TABLE + "/missing")).isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining(TABLE + "/missing").hasMessageContaining("eu-west");
        assertThatThrownBy(() -> fs.open(TABLE + "/missing")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void twoRegionsWithTheSamePathsAreIndependent() throws IOException {
        InMemoryRegionFileSystem other = new InMemoryRegionFileSystem(RegionId.of("us-east"));
        fs.write(TABLE + "/part-0", bytes("eu"));
        assertThat(other.exists(TABLE + "/part-0")).isFalse();
    }

    @Test
    void resolveJoinsWithExactlyOneSeparator() {
        assertThat(RegionFileSystem.resolve("file:/a", "b/c")).isEqualTo("file:/a/b/c");
        assertThat(RegionFileSystem.resolve("file:/a/", "/b")).isEqualTo("file:/a/b");
        assertThat(RegionFileSystem.resolve("hdfs://nn/a", "")).isEqualTo("hdfs://nn/a");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
