package io.strait.ops.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The data files of a replica folder given by its metastore location (checksum side files left out). */
final class ReplicaFiles {
    private ReplicaFiles() {
    }

    static List<Path> under(String location) throws IOException {
        String uri = location.startsWith("file:/") && !location.startsWith("file:///")
                ? "file://" + location.substring("file:".length()) : location;
        Path directory = Path.of(URI.create(uri));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).filter(path -> !path.getFileName().toString().endsWith(".crc"))
                    .filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
