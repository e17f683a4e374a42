package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strait's {@code file:} filesystem starts no process for anything it does per file (Hadoop's raw local filesystem
 * without its native library forks {@code chmod} per created file and {@code ls -ld} per status' permission), and
 * its statuses and permissions are the ones the files have.
 */
class NioLocalFileSystemForksNothingTest {
    private static final int FILES = 300;

    @TempDir
    Path dir;

    @Test
    void creatingListingStatingLinkingAndRenamingManyFilesForksNothing() throws IOException {
        try (HadoopRegionFileSystem fs = HadoopRegionFileSystem.create(RegionId.of("a"), Map.of())) {
            String root = dir.toUri().toString();
            fs.mkdirs(root + "warm-up");   // opens the filesystem (Hadoop's Shell probes setsid once, when loaded)
            ProcessStarts.Counted<List<FileEntry>> counted = ProcessStarts.during(() -> work(fs, root));
            assertThat(counted.commands()).as("processes started").isEmpty();
            assertThat(counted.result()).hasSize(FILES);
            assertThat(counted.result()).allSatisfy(entry -> assertThat(entry.sizeBytes()).isEqualTo(3));
        }
    }

    @Test
    void hadoopStatusesCarryTheFilesPermissionsOwnersAndGroupsWithoutForking() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "abc");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (HadoopRegionFileSystem fs = HadoopRegionFileSystem.create(RegionId.of("a"), Map.of())) {
            fs.mkdirs(dir.toUri() + "warm-up");
            FileSystem local = FileSystem.newInstance(dir.toUri(), fs.configurationFor("file"));
            assertThat(local).isInstanceOf(NioLocalFileSystem.class).isInstanceOf(RawLocalFileSystem.class);
            ProcessStarts.Counted<FileStatus[]> counted = ProcessStarts.during(() -> {
                try {
                    local.setPermission(new org.apache.hadoop.fs.Path(file.toUri()), new FsPermission((short) 0640));
                    FileStatus[] statuses = local.listStatus(new org.apache.hadoop.fs.Path(dir.toUri()));
                    for (FileStatus status : statuses) {
                        status.getPermission();
                        status.getOwner();
                        status.getGroup();
                    }
                    return statuses;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(counted.commands()).isEmpty();
            FileStatus status = java.util.Arrays.stream(counted.result())
                    .filter(each -> each.getPath().getName().equals("f")).findFirst().orElseThrow();
            assertThat(status.getLen()).isEqualTo(3);
            assertThat(status.getPermission().toShort()).isEqualTo((short) 0640);
            assertThat(status.getOwner()).isEqualTo(Files.getOwner(file).getName());
            assertThat(status.getModificationTime()).isEqualTo(Files.getLastModifiedTime(file).toMillis());
            assertThat(local.getFileStatus(new org.apache.hadoop.fs.Path(dir.toUri())).isDirectory()).isTrue();
            local.close();
        }
    }

    private static List<FileEntry> work(HadoopRegionFileSystem fs, String root) {
        try {
            for (int i = 0; i < FILES; i++) {
                try (OutputStream out = fs.create(root + "src/d" + (i % 7) + "/f" + i)) {
                    out.write(new byte[] {1, 2, 3});
                }
            }
            for (int i = 0; i < FILES; i++) {
                String uri = root + "src/d" + (i % 7) + "/f" + i;
                fs.status(uri);
                fs.length(uri);
                try (InputStream in = fs.open(uri)) {
                    in.readAllBytes();
                }
                fs.copyWithin(uri, root + "linked/d" + (i % 7) + "/f" + i);
            }
            fs.rename(root + "linked", root + "moved");
            List<FileEntry> listed = fs.listFiles(root + "moved");
            fs.delete(root + "moved");
            return listed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
