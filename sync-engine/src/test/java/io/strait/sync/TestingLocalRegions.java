package io.strait.sync;

import io.strait.common.copy.CopyTask;
import io.strait.common.region.FileEntry;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Two regions on the local filesystem for tests: region-a (source) and region-b (target), each with an external
 * root below {@code root}, their {@link HadoopRegionFileSystem}s and the path mapping between them.
 */
final class TestingLocalRegions implements AutoCloseable {
    static final RegionId SOURCE = RegionId.of("region-a");
    static final RegionId TARGET = RegionId.of("region-b");

    private final Path root;
    private final HadoopRegionFileSystem sourceFileSystem;
    private final HadoopRegionFileSystem targetFileSystem;
    private final String sourceExternalRoot;
    private final String targetExternalRoot;

    TestingLocalRegions(Path root, String targetExternalRoot) {
        this.root = root;
        this.sourceExternalRoot = "file:" + root.resolve("region-a/external").toAbsolutePath();
        this.targetExternalRoot = targetExternalRoot;
        this.sourceFileSystem = HadoopRegionFileSystem.create(SOURCE, Map.of());
        this.targetFileSystem = HadoopRegionFileSystem.create(TARGET, Map.of());
    }

    TestingLocalRegions(Path root) {
        this(root, "file:" + root.resolve("region-b/external").toAbsolutePath());
    }

    HadoopRegionFileSystem source() {
        return sourceFileSystem;
    }

    HadoopRegionFileSystem target() {
        return targetFileSystem;
    }

    String sourceExternalRoot() {
        return sourceExternalRoot;
    }

    PathMapper pathMapper() {
        return new PathMapper(SOURCE, Map.of("external", sourceExternalRoot), TARGET,
                Map.of("external", targetExternalRoot));
    }

    /** Replaces the content of a source directory with {@code files} (relative path to bytes). */
    void writeSource(String directoryUri, Map<String, byte[]> files) throws IOException {
        Path directory = Path.of(directoryUri.substring("file:".length()));
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }

    /** One copy task over the current listing of {@code sourceDirectory}. */
    CopyTask task(long jobId, String sourceDirectory, String versionFolder) throws IOException {
        List<FileEntry> files = sourceFileSystem.listFiles(sourceDirectory);
        return new CopyTask(jobId, 0, sourceDirectory, versionFolder, files);
    }

    /** Every file below {@code directoryUri} with its bytes, read through {@code fileSystem}. */
    static Map<String, byte[]> contents(RegionFileSystem fileSystem, String directoryUri) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        for (FileEntry file : fileSystem.listFiles(directoryUri)) {
            try (InputStream in = fileSystem.open(RegionFileSystem.resolve(directoryUri, file.relativePath()))) {
                contents.put(file.relativePath(), in.readAllBytes());
            }
        }
        return contents;
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        sourceFileSystem.close();
        targetFileSystem.close();
    }
}
