package io.strait.spark;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.ReusableFile;
import io.strait.common.region.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A copy job on local directories standing for two regions: {@code tasks} tasks of {@code filesPerTask} random
 * files each; the first task's first file may be reused from a previous version in the target, and its last file
 * is listed with a wrong size (a source that changed since it was listed: never VERIFIED).
 */
final class CopyJob {
    private final Path sourceDirectory;
    private final Path previousVersion;
    private final List<List<FileEntry>> files = new ArrayList<>();

    private CopyJob(Path sourceDirectory, Path previousVersion) {
        this.sourceDirectory = sourceDirectory;
        this.previousVersion = previousVersion;
    }

    static CopyJob write(Path root, int tasks, int filesPerTask, int fileBytes) throws IOException {
        CopyJob job = new CopyJob(Files.createDirectories(root.resolve("a/warehouse/t")),
                Files.createDirectories(root.resolve("b/warehouse/t/_strait_v1_1")));
        Random random = new Random(42);
        for (int t = 0; t < tasks; t++) {
            Path partition = Files.createDirectories(job.sourceDirectory.resolve("ds=" + t));
            List<FileEntry> entries = new ArrayList<>();
            for (int f = 0; f < filesPerTask; f++) {
                byte[] bytes = new byte[fileBytes + random.nextInt(1024)];
                random.nextBytes(bytes);
                Path file = partition.resolve("part-" + f + ".parquet");
                Files.write(file, bytes);
                long size = t == 0 && f == filesPerTask - 1 ? bytes.length + 1 : bytes.length;
                entries.add(new FileEntry(file.getFileName().toString(), size,
                        Files.getLastModifiedTime(file).toMillis()));
            }
            job.files.add(entries);
        }
        Path previous = Files.createDirectories(job.previousVersion.resolve("ds=0"));
        Files.copy(job.sourceDirectory.resolve("ds=0/part-0.parquet"), previous.resolve("part-0.parquet"));
        return job;
    }

    long bytes() {
        return files.stream().flatMap(List::stream).mapToLong(FileEntry::sizeBytes).sum();
    }

    /** The job's tasks, copying into version folder {@code version} below {@code targetRoot}. */
    List<CopyTask> tasks(Path targetRoot, String version) {
        List<CopyTask> tasks = new ArrayList<>();
        for (int t = 0; t < files.size(); t++) {
            String source = sourceDirectory.resolve("ds=" + t).toUri().toString();
            String target = targetRoot.resolve("warehouse/t/" + version + "/ds=" + t).toUri().toString();
            CopyTask task = new CopyTask(7, t, source, target, files.get(t));
            if (t == 0) {
                task = task.withReusable(List.of(reusable(files.get(t).get(0))));
            }
            tasks.add(task);
        }
        return tasks;
    }

    private ReusableFile reusable(FileEntry file) {
        Path previous = previousVersion.resolve("ds=0").resolve(file.relativePath());
        try (InputStream in = Files.newInputStream(previous)) {
            FileChecksums.Result checksum = FileChecksums.checksum(in);
            return new ReusableFile(file.relativePath(), previous.toUri().toString(), checksum.length(),
                    checksum.checksum(), System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What must be equal between two executors' results: all but the details (they name the target paths). */
    record Outcome(long jobId, int taskIndex, String relativePath, long sizeBytes, String sourceChecksum,
            String targetChecksum, String verification, boolean reused, String verifiedBy) {
    }

    static List<Outcome> outcomes(List<CopyTaskResult> results) {
        List<Outcome> outcomes = new ArrayList<>();
        for (CopyTaskResult task : results) {
            task.files().forEach(file -> outcomes.add(new Outcome(task.jobId(), task.taskIndex(),
                    file.relativePath(), file.sizeBytes(), file.sourceChecksum(), file.targetChecksum(),
                    file.verification().name(), file.reused(), String.valueOf(file.verifiedBy()))));
        }
        return outcomes;
    }
}
