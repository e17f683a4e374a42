package io.strait.regionio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.common.region.StoredFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopRegionFileSystemTest {
    private static final RegionId REGION = RegionId.of("region-b");

    @TempDir
    Path root;
    private HadoopRegionFileSystem fileSystem;
    private String rootUri;

    @BeforeEach
    void open() {
        fileSystem = HadoopRegionFileSystem.create(REGION, Map.of());
        rootUri = "file:" + root.toAbsolutePath();
    }

    @AfterEach
    void close() {
        fileSystem.close();
    }

    @Test
    void listsFilesRecursivelySortedByRelativePathWithTheirLengths() throws IOException {
        write(rootUri + "/t/ds=2/b.parquet", "bb");
        write(rootUri + "/t/ds=1/z.parquet", "zzz");
        write(rootUri + "/t/ds=1/a.parquet", "");
        write(rootUri + "/t/top.txt", "top-level");

        List<FileEntry> files = fileSystem.listFiles(rootUri + "/t");

        assertThat(files).extracting(FileEntry::relativePath)
                .containsExactly("ds=1/a.parquet", "ds=1/z.parquet", "ds=2/b.parquet", "top.txt");
        assertThat(files).extracting(FileEntry::sizeBytes).containsExactly(0L, 3L, 2L, 9L);
        assertThat(files).allSatisfy(file -> assertThat(file.modificationTimeMillis()).isPositive());
    }

    @Test
    void acceptsEveryLocalSpellingAndATrailingSlash() throws IOException {
        write(rootUri + "/t/f", "x");

        String path = root.toAbsolutePath().toString();
        for (String directory : List.of("file:" + path + "/t", "file://" + path + "/t/", "file:///" + path.substring(1)
                + "/t")) {
            assertThat(fileSystem.listFiles(directory)).extracting(FileEntry::relativePath).containsExactly("f");
        }
    }

    @Test
    void writesNoChecksumSideFilesAndNeverListsThem() throws IOException {
        write(rootUri + "/t/data", "payload");
        Files.writeString(root.resolve("t/.other.crc"), "side file of another writer");

        try (Stream<Path> onDisk = Files.list(root.resolve("t"))) {
            assertThat(onDisk.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("data",
                    ".other.crc");
        }
        assertThat(fileSystem.listFiles(rootUri + "/t")).extracting(FileEntry::relativePath).containsExactly("data");
        assertThat(fileSystem.length(rootUri + "/t/data")).isEqualTo(7);
    }

    @Test
    void anAbsentDirectoryIsAnEmptyListing() throws IOException {
        assertThat(fileSystem.listFiles(rootUri + "/missing")).isEmpty();
        assertThat(fileSystem.exists(rootUri + "/missing")).isFalse();
    }

    @Test
    void createMakesParentsAndNeverOverwrites() throws IOException {
        String file = rootUri + "/a/b/c/file";
        write(file, "first");

        assertThatThrownBy(() -> fileSystem.create(file)).isInstanceOf(IOException.class);
        assertThat(read(file)).isEqualTo("first");
        assertThat(fileSystem.exists(rootUri + "/a/b/c")).isTrue();
    }

    @Test
    void copyWithinLinksTheSameStoredFileAndCreatesMissingParents() throws IOException {
        write(rootUri + "/t/_strait_v1_1/part-0", "verified bytes");

        fileSystem.copyWithin(rootUri + "/t/_strait_v1_1/part-0", rootUri + "/t/_strait_v2_1/sub/part-0");

        StoredFile previous = fileSystem.storedFile(rootUri + "/t/_strait_v1_1/part-0").orElseThrow();
        StoredFile linked = fileSystem.storedFile(rootUri + "/t/_strait_v2_1/sub/part-0").orElseThrow();
        assertThat(linked).isEqualTo(previous);
        assertThat(linked.sameFileUnchanged(previous)).isTrue();
        assertThat(linked.length()).isEqualTo(14);
        assertThat(linked.modificationTimeMillis())
                .isEqualTo(Files.getLastModifiedTime(root.resolve("t/_strait_v1_1/part-0")).toMillis());
        assertThat(Files.isSameFile(root.resolve("t/_strait_v1_1/part-0"), root.resolve("t/_strait_v2_1/sub/part-0")))
                .isTrue();
        assertThatThrownBy(() -> fileSystem.copyWithin(rootUri + "/t/_strait_v1_1/part-0",
                rootUri + "/t/_strait_v2_1/sub/part-0")).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThatThrownBy(() -> fileSystem.copyWithin(rootUri + "/t/_strait_v1_1/missing",
                rootUri + "/t/_strait_v2_1/missing")).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aCopyOfTheSameBytesIsAnotherStoredFile() throws IOException {
        write(rootUri + "/t/a", "same bytes");
        write(rootUri + "/t/b", "same bytes");
        Files.setLastModifiedTime(root.resolve("t/b"), Files.getLastModifiedTime(root.resolve("t/a")));

        StoredFile a = fileSystem.storedFile(rootUri + "/t/a").orElseThrow();
        StoredFile b = fileSystem.storedFile(rootUri + "/t/b").orElseThrow();

        assertThat(b.key()).isNotEqualTo(a.key());
        assertThat(b.sameFileUnchanged(a)).as("equal length and time, but not the same file").isFalse();
    }

    @Test
    void aStoredFileSeesAWriteThroughAnotherLink() throws IOException {
        write(rootUri + "/t/v1/part-0", "0123456789");
        fileSystem.copyWithin(rootUri + "/t/v1/part-0", rootUri + "/t/v2/part-0");
        StoredFile before = fileSystem.storedFile(rootUri + "/t/v2/part-0").orElseThrow();
        Files.setLastModifiedTime(root.resolve("t/v1/part-0"),
                java.nio.file.attribute.FileTime.fromMillis(before.modificationTimeMillis() - 10_000));
        StoredFile older = fileSystem.storedFile(rootUri + "/t/v2/part-0").orElseThrow();

        Files.writeString(root.resolve("t/v1/part-0"), "0123456789abc", UTF_8);

        StoredFile after = fileSystem.storedFile(rootUri + "/t/v2/part-0").orElseThrow();
        assertThat(after.key()).isEqualTo(before.key());
        assertThat(after.length()).isEqualTo(13);
        assertThat(after.modificationTimeMillis()).isGreaterThan(older.modificationTimeMillis());
        assertThat(after.sameFileUnchanged(older)).isFalse();
    }

    @Test
    void aStoredFileOfAMissingFileOrADirectoryFails() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        assertThatThrownBy(() -> fileSystem.storedFile(rootUri + "/nothing")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> fileSystem.storedFile(rootUri + "/dir")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void localFilesHaveChannelsThatCreateParentsAndNeverOverwrite() throws IOException {
        try (java.nio.channels.WritableByteChannel out = fileSystem.createChannel(rootUri + "/t/sub/part-0")
                .orElseThrow()) {
            out.write(java.nio.ByteBuffer.wrap("through a channel".getBytes(UTF_8)));
        }
        write(rootUri + "/t/by-hadoop", "x");

        assertThat(read(rootUri + "/t/sub/part-0")).isEqualTo("through a channel");
        assertThat(Files.getPosixFilePermissions(root.resolve("t/sub/part-0")))
                .isEqualTo(Files.getPosixFilePermissions(root.resolve("t/by-hadoop")));
        try (java.nio.channels.ReadableByteChannel in = fileSystem.openChannel(rootUri + "/t/sub/part-0")
                .orElseThrow()) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(64);
            assertThat(in.read(buffer)).isEqualTo(17);
        }
        assertThatThrownBy(() -> fileSystem.createChannel(rootUri + "/t/sub/part-0"))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(read(rootUri + "/t/sub/part-0")).isEqualTo("through a channel");
        assertThatThrownBy(() -> fileSystem.openChannel(rootUri + "/t/missing"))
                .isInstanceOf(FileNotFoundException.class).hasMessageContaining("region-b");
    }

    @Test
    void lengthOfAMissingFileOrADirectoryFails() throws IOException {
        fileSystem.mkdirs(rootUri + "/dir");

        assertThatThrownBy(() -> fileSystem.length(rootUri + "/nothing")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> fileSystem.length(rootUri + "/dir")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void deleteRemovesTreesAndReportsWhetherSomethingWasThere() throws IOException {
        write(rootUri + "/v1/x/y", "1");

        assertThat(fileSystem.delete(rootUri + "/v1")).isTrue();
        assertThat(fileSystem.delete(rootUri + "/v1")).isFalse();
        assertThat(Files.exists(root.resolve("v1"))).isFalse();
    }

    @Test
    void aLocationWithoutSchemeIsAUserError() {
        assertThatThrownBy(() -> fileSystem.listFiles(root.toString()))
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageContaining("region-b").hasMessageContaining("no scheme");
    }

    @Test
    void listingAFileInsteadOfADirectoryFailsClearly() throws IOException {
        write(rootUri + "/single", "1");

        assertThatThrownBy(() -> fileSystem.listFiles(rootUri + "/single")).isInstanceOf(IOException.class)
                .hasMessageContaining("not below it");
    }

    @Test
    void aClosedFileSystemRefusesWork() throws IOException {
        write(rootUri + "/f", "1");
        fileSystem.close();

        assertThatThrownBy(() -> fileSystem.open(rootUri + "/f")).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closingOneRegionLeavesAnotherWithTheSamePathsWorking() throws IOException {
        write(rootUri + "/shared", "same path string");
        try (HadoopRegionFileSystem other = new HadoopRegionFileSystem(RegionId.of("region-a"), new Configuration())) {
            assertThat(other.listFiles(rootUri)).extracting(FileEntry::relativePath).containsExactly("shared");
        }
        assertThat(read(rootUri + "/shared")).isEqualTo("same path string");
    }

    @Test
    void theFactorySetsCompositeChecksumsUnlessTheCallerChoseOtherwise() {
        assertThat(fileSystem.configuration().get("dfs.checksum.combine.mode")).isEqualTo("COMPOSITE_CRC");
        try (HadoopRegionFileSystem chosen = HadoopRegionFileSystem.create(REGION,
                Map.of("dfs.checksum.combine.mode", "MD5MD5CRC", "fs.example.key", "v"))) {
            assertThat(chosen.configuration().get("dfs.checksum.combine.mode")).isEqualTo("MD5MD5CRC");
            assertThat(chosen.configuration().get("fs.example.key")).isEqualTo("v");
        }
    }

    /**
     * Only {@code file:} filesystems get {@link NioLocalFileSystem}: other filesystems (S3A's upload buffers through
     * {@code LocalDirAllocator}) ask Hadoop for a {@code LocalFileSystem} made with their configuration, and a raw
     * one there fails with a {@link ClassCastException}.
     */
    @Test
    void onlyFileFilesystemsAreMadeWithTheNioLocalFilesystem() throws IOException {
        try (FileSystem local = FileSystem.newInstanceLocal(fileSystem.configurationFor("s3a"))) {
            assertThat(local).isInstanceOf(org.apache.hadoop.fs.LocalFileSystem.class);
        }
        try (FileSystem local = FileSystem.newInstance(java.net.URI.create("file:///"),
                fileSystem.configurationFor("file"))) {
            assertThat(local).isInstanceOf(NioLocalFileSystem.class);
        }
    }

    @Test
    void onlyDotNamedCrcFilesAreChecksumSideFiles() {
        assertThat(HadoopRegionFileSystem.isChecksumSideFile(".part-0.crc")).isTrue();
        assertThat(HadoopRegionFileSystem.isChecksumSideFile("part-0.crc")).isFalse();
        assertThat(HadoopRegionFileSystem.isChecksumSideFile(".hidden")).isFalse();
    }

    private void write(String uri, String content) throws IOException {
        try (OutputStream out = fileSystem.create(uri)) {
            out.write(content.getBytes(UTF_8));
        }
    }

    private String read(String uri) throws IOException {
        try (InputStream in = fileSystem.open(uri)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
