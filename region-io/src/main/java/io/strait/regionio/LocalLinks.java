package io.strait.regionio;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second name for a local file in a new place: a hard link (no byte moved), or a copy when the filesystem refuses
 * the link (another device, no hard links). The target must not exist; its missing parents are created.
 */
final class LocalLinks {
    private LocalLinks() {
    }

    static void linkOrCopy(Path source, Path target) throws IOException {
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        try {
            Files.createLink(target, source);
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            throw exists;
        } catch (UnsupportedOperationException | FileSystemException noLink) {
            if (!Files.isRegularFile(source)) {
                throw noLink instanceof IOException io ? io : new IOException(noLink);
            }
            Files.copy(source, target);
        }
    }
}
