package io.strait.reparo.diff;

import io.strait.common.divergence.DivergenceClass;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the live files of one partition (or unpartitioned table) by relative path: only in the source is
 * {@code MISSING_FILE}, only in the target {@code EXTRA_FILE}, on both sides but not the same content
 * ({@link FileState#sameContentAs}: another size, another checksum where both sides know one, or a replica file
 * that is Strait's verified copy of another version of the source file) {@code DIFFERENT_FILE}.
 */
final class FileDiff {
    private FileDiff() {
    }

    static void compare(List<FileState> source, List<FileState> target, List<String> values, Findings findings) {
        Map<String, FileState> sourceByPath = byPath(source);
        Map<String, FileState> targetByPath = byPath(target);
        sourceByPath.forEach((path, sourceFile) -> {
            FileState targetFile = targetByPath.get(path);
            if (targetFile == null) {
                findings.addFile(DivergenceClass.MISSING_FILE, values, path,
                        findings.bothSides(Optional.of(sourceFile.describe()), Optional.empty()));
            } else if (!sourceFile.sameContentAs(targetFile)) {
                findings.addFile(DivergenceClass.DIFFERENT_FILE, values, path,
                        findings.bothSides(Optional.of(sourceFile.describe()), Optional.of(targetFile.describe())));
            }
        });
        targetByPath.forEach((path, targetFile) -> {
            if (!sourceByPath.containsKey(path)) {
                findings.addFile(DivergenceClass.EXTRA_FILE, values, path,
                        findings.bothSides(Optional.empty(), Optional.of(targetFile.describe())));
            }
        });
    }

    static long distinctPaths(List<FileState> source, List<FileState> target) {
        Set<String> paths = new HashSet<>();
        source.forEach(file -> paths.add(file.relativePath()));
        target.forEach(file -> paths.add(file.relativePath()));
        return paths.size();
    }

    private static Map<String, FileState> byPath(List<FileState> files) {
        Map<String, FileState> result = new TreeMap<>();
        files.forEach(file -> result.put(file.relativePath(), file));
        return result;
    }
}
