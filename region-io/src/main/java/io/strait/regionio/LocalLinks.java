package io.strait.regionio;

import io.strait.common.region.FileIdentity;
import io.strait.common.region.RegionId;
import io.strait.common.region.StoredFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A second name for a local file in a new place: a hard link (no byte moved), or a copy when the filesystem refuses
 * the link (another device, no hard links). The target must not exist; its missing parents are created.
 */
final class LocalLinks {
    private LocalLinks() {
    }

    /**
     * The file's key (device and inode), length and modification time from one {@code stat}; empty when the
     * filesystem gives no key. Fails with {@link java.io.FileNotFoundException} when it does not exist, and for a
     * directory.
     */
    static Optional<StoredFile> storedFile(Path file, String uri, RegionId region) throws IOException {
        BasicFileAttributes attributes = fileAttributes(file, uri, region);
        Object key = attributes.fileKey();
        return key == null ? Optional.empty() : Optional.of(new StoredFile(key.toString(), attributes.size(),
                attributes.lastModifiedTime().toMillis()));
    }

    /**
     * The file's length and modification time from one {@code stat} (following links), without the owner and group
     * lookups of a Hadoop status. Fails with {@link java.io.FileNotFoundException} when it does not exist, and for a
     * directory.
     */
    static FileIdentity identity(Path file, String uri, RegionId region) throws IOException {
        BasicFileAttributes attributes = fileAttributes(file, uri, region);
        return new FileIdentity(attributes.size(), attributes.lastModifiedTime().toMillis(), "");
    }

    private static BasicFileAttributes fileAttributes(Path file, String uri, RegionId region) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            throw new FileNotFoundException(uri + " does not exist (region " + region + ")");
        }
        if (attributes.isDirectory()) {
            throw new FileNotFoundException(uri + " is a directory, not a file (region " + region + ")");
        }
        return attributes;
    }

    static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            link(source, target);
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            throw exists;
        } catch (UnsupportedOperationException | FileSystemException noLink) {
            if (!Files.isRegularFile(source)) {
                throw noLink instanceof IOException io ? io : new IOException(noLink);
            }
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.copy(source, target);
        }
    }

    /** A hard link, creating the target's missing parents only when the first attempt finds them missing. */
    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (NoSuchFileException missing) {
            if (target.getParent() == null || Files.isDirectory(target.getParent())) {
                throw missing;
            }
            Files.createDirectories(target.getParent());
            Files.createLink(target, source);
        }
    }
}
