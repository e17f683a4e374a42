package io.strait.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Unique work folders under {@code target/} for tests. */
final class TestingDirectories {
    private TestingDirectories() {
    }

    static Path create(String prefix) {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-work"));
            return Files.createTempDirectory(base, prefix + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
