package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code java.nio} listing of {@code file:} directories gives what Hadoop's raw local listing gives. */
class LocalListingTest {
    private static final RegionId REGION = RegionId.of("a");

    @TempDir
    Path root;

    @Test
    void listsWhatHadoopsRawLocalFileSystemLists() throws IOException {
        Path table = root.resolve("t");
        write(table.resolve("ds=1/part-0"), "aaa", 1_700_000_000_123L);
        write(table.resolve("ds=1/_SUCCESS"), "", 1_700_000_001_000L);
        write(table.resolve("ds=1/.part-0.crc"), "crc", 1_700_000_002_000L);
        write(table.resolve("ds=2/_strait_v7_1/nested/part-1"), "bbbbb", 1_700_000_003_999L);
        write(table.resolve("ds=2/.staging/x"), "x", 1_700_000_004_000L);
        Files.createDirectories(table.resolve("empty/dir"));
        Files.createSymbolicLink(table.resolve("ds=3"), table.resolve("ds=1"));

        List<FileEntry> nio = LocalListing.list("file:" + table, table, REGION);

        assertThat(nio).isEqualTo(hadoopListing(table));
        assertThat(nio).extracting(FileEntry::relativePath).containsExactly("ds=1/_SUCCESS", "ds=1/part-0",
                "ds=2/.staging/x", "ds=2/_strait_v7_1/nested/part-1", "ds=3/_SUCCESS", "ds=3/part-0");
        assertThat(nio.get(1)).isEqualTo(new FileEntry("ds=1/part-0", 3, 1_700_000_000_123L));
    }

    @Test
    void anAbsentDirectoryIsEmptyAndAFileIsRefused() throws IOException {
        assertThat(LocalListing.list("file:" + root.resolve("absent"), root.resolve("absent"), REGION)).isEmpty();
        write(root.resolve("f"), "1", 1_700_000_000_000L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalListing.list("file:" + root.resolve("f"),
                root.resolve("f"), REGION)).isInstanceOf(IOException.class).hasMessageContaining("not below it");
    }

    @Test
    void theRegionFileSystemListsLocalDirectoriesThisWay() throws IOException {
        write(root.resolve("t/_strait_v1_1/part-0"), "abc", 1_700_000_000_000L);
        try (HadoopRegionFileSystem fileSystem = HadoopRegionFileSystem.create(REGION, java.util.Map.of())) {
            assertThat(fileSystem.listFiles("file:" + root.resolve("t/_strait_v1_1")))
                    .containsExactly(new FileEntry("part-0", 3, 1_700_000_000_000L));
        }
    }

    /** Hadoop's own recursive listing of the raw local filesystem, in the same form. */
    private static List<FileEntry> hadoopListing(Path directory) throws IOException {
        Configuration conf = new Configuration();
        try (FileSystem fileSystem = new RawLocalFileSystem()) {
            fileSystem.initialize(URI.create("file:///"), conf);
            String prefix = directory.toAbsolutePath() + "/";
            List<FileEntry> entries = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(
                    new org.apache.hadoop.fs.Path(directory.toUri()), true);
            while (files.hasNext()) {
                LocatedFileStatus status = files.next();
                if (!HadoopRegionFileSystem.isChecksumSideFile(status.getPath().getName())) {
                    entries.add(new FileEntry(status.getPath().toUri().getPath().substring(prefix.length()),
                            status.getLen(), status.getModificationTime()));
                }
            }
            entries.sort(Comparator.comparing(FileEntry::relativePath));
            return entries;
        }
    }

    private static void write(Path file, String content, long modifiedMillis) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }
}
