package io.strait.regionio;

import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The recursive listing of a {@code file:} directory, walked with {@code java.nio} (one {@code stat} per entry,
 * from the directory walk itself). Hadoop's raw local filesystem lists the same files, but its
 * {@code listFiles(path, true)} builds a {@code LocatedFileStatus} per file, whose permission, owner and group make
 * it fork {@code ls -ld} per file when Hadoop's native library is not loaded (about 6 ms a file, measured), and its
 * {@code listStatus} stats each file several times over Hadoop {@code Path}s (about 60 µs a file). Same result as
 * {@link HadoopRegionFileSystem#listFiles}: regular files below the directory (symbolic links followed), checksum side
 * files left out, lengths and modification times in milliseconds, sorted by relative path; an absent directory is an
 * empty listing.
 */
final class LocalListing {
    private LocalListing() {
    }

    static List<FileEntry> list(String directoryUri, Path directory, RegionId region) throws IOException {
        BasicFileAttributes top;
        try {
            top = Files.readAttributes(directory, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            return List.of();
        }
        if (!top.isDirectory()) {
            throw new IOException("Cannot list " + directoryUri + " in region " + region + ": " + directory
                    + " is not below it (is " + directoryUri + " a file?)");
        }
        List<FileEntry> entries = new ArrayList<>();
        Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String name = file.getFileName().toString();
                        if (attributes.isRegularFile() && !HadoopRegionFileSystem.isChecksumSideFile(name)) {
                            entries.add(new FileEntry(relative(directory, file), attributes.size(),
                                    attributes.lastModifiedTime().toMillis()));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        entries.sort(Comparator.comparing(FileEntry::relativePath));
        return List.copyOf(entries);
    }

    private static String relative(Path directory, Path file) {
        Path relative = directory.relativize(file);
        if (relative.getNameCount() == 1) {
            return relative.toString();
        }
        StringBuilder path = new StringBuilder();
        for (Path segment : relative) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(segment);
        }
        return path.toString();
    }
}
