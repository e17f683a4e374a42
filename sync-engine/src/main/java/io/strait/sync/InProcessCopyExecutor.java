package io.strait.sync;

import io.strait.common.copy.CopyExecutor;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReusableFile;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs copy tasks on a bounded pool of threads in this process: up to {@code parallelism} files (of one task or of
 * several) are copied at once, each through a {@link VerifyingFileCopier}. Each task's target directory is created
 * before its files are copied. Files a task marks reusable (delta copies) are taken from the previous version inside
 * the target region ({@link ReusingFileCopier}) and sent only if that fails. Sent bytes take permits from the link's
 * {@link CopyBandwidth}. Results come back per task, in the order of the tasks and of their files. Closing the
 * executor stops its threads.
 */
public final class InProcessCopyExecutor implements CopyExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessCopyExecutor.class);

    private final RegionFileSystem source;
    private final RegionFileSystem target;
    private final VerifyingFileCopier copier;
    private final ReusingFileCopier reuser;
    private final ExecutorService threads;
    /** Ranges of large files; separate from {@link #threads}, whose files wait for their ranges. */
    private final ExecutorService rangeThreads;

    public InProcessCopyExecutor(RegionFileSystem source, RegionFileSystem target, int parallelism) {
        this(source, target, parallelism, CopyBandwidth.unlimited());
    }

    /**
     * An executor whose copies send at most what {@code bandwidth} allows, summed over its threads (one
     * {@link CopyBandwidth} per link in a process).
     */
    public InProcessCopyExecutor(RegionFileSystem source, RegionFileSystem target, int parallelism,
            CopyBandwidth bandwidth) {
        this(source, target, parallelism, bandwidth, VerifyingFileCopier.DEFAULT_BUFFER_BYTES);
    }

    /** As above, streaming each file through a buffer of {@code bufferBytes} (benchmarks tune it). */
    public InProcessCopyExecutor(RegionFileSystem source, RegionFileSystem target, int parallelism,
            CopyBandwidth bandwidth, int bufferBytes) {
        this(source, target, parallelism, bandwidth, bufferBytes, CopyRanges.NONE);
    }

    /**
     * As above; a file above {@code ranges}' threshold is copied as byte ranges, up to {@code parallelism} ranges
     * at once, where the target can join them.
     */
    public InProcessCopyExecutor(RegionFileSystem source, RegionFileSystem target, int parallelism,
            CopyBandwidth bandwidth, int bufferBytes, CopyRanges ranges) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        this.rangeThreads = ranges.equals(CopyRanges.NONE) ? null : Executors.newFixedThreadPool(parallelism,
                threadFactory(source.region() + "-to-" + target.region() + "-ranges"));
        this.copier = new VerifyingFileCopier(source, target, bufferBytes, bandwidth, ranges, rangeThreads);
        this.reuser = new ReusingFileCopier(source, target);
        this.threads = Executors.newFixedThreadPool(parallelism,
                threadFactory(source.region() + "-to-" + target.region()));
    }

    /**
     * Creates each task's target directory, copies every file of every task on the pool (up to {@code parallelism}
     * files at once) and gathers the results per task, in the order given.
     */
    @Override
    public List<CopyTaskResult> execute(List<CopyTask> tasks) {
        List<StartedTask> running = new ArrayList<>();
        for (CopyTask task : tasks) {
            running.add(start(task));
        }
        List<CopyTaskResult> results = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            results.add(finish(tasks.get(i), running.get(i), running));
        }
        return results;
    }

    /** Stops accepting tasks and waits briefly for running copies to end, then interrupts them. */
    @Override
    public void close() {
        stop(threads);
        if (rangeThreads != null) {
            stop(rangeThreads);
        }
    }

    private static void stop(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A task whose files were submitted, or the reason they could not be. */
    private record StartedTask(List<Future<FileCopyResult>> files, String failure) {
    }

    /** Creates the task's target directory, then submits its files. */
    private StartedTask start(CopyTask task) {
        LOG.debug("job {} task {}: copying {} file(s), {} bytes, {} (region {}) -> {} (region {})", task.jobId(),
                task.taskIndex(), task.files().size(), task.totalBytes(), task.sourceDirectory(), source.region(),
                task.targetDirectory(), target.region());
        try {
            target.mkdirs(task.targetDirectory());
        } catch (Exception e) {
            return new StartedTask(List.of(), "cannot create target directory " + task.targetDirectory()
                    + " in region " + target.region() + ": " + e);
        }
        Map<String, ReusableFile> reusable = new HashMap<>();
        task.reusable().forEach(file -> reusable.put(file.relativePath(), file));
        List<Future<FileCopyResult>> files = new ArrayList<>();
        for (FileEntry file : task.files()) {
            ReusableFile previous = reusable.get(file.relativePath());
            files.add(threads.submit(() -> previous == null ? copy(task, file) : reuseOrCopy(task, file, previous)));
        }
        return new StartedTask(files, "");
    }

    private FileCopyResult reuseOrCopy(CopyTask task, FileEntry file, ReusableFile previous) {
        return reuser.reuse(task.sourceDirectory(), task.targetDirectory(), file, previous)
                .orElseGet(() -> copy(task, file));
    }

    private FileCopyResult copy(CopyTask task, FileEntry file) {
        FileCopyResult result = copier.copy(task.sourceDirectory(), task.targetDirectory(), file);
        if (result.verification() != FileVerification.VERIFIED) {
            LOG.warn("job {} task {}: file {} {}: {}", task.jobId(), task.taskIndex(), file.relativePath(),
                    result.verification(), result.detail());
        }
        return result;
    }

    private CopyTaskResult finish(CopyTask task, StartedTask started, List<StartedTask> all) {
        if (!started.failure().isEmpty()) {
            return failedTask(task, started.failure());
        }
        List<FileCopyResult> files = new ArrayList<>();
        for (int i = 0; i < started.files().size(); i++) {
            files.add(await(task, task.files().get(i), started.files().get(i), all));
        }
        CopyTaskResult result = new CopyTaskResult(task.jobId(), task.taskIndex(), files);
        LOG.debug("job {} task {}: {} of {} file(s) verified, {} bytes ({} sent, {} reused in region {})",
                task.jobId(), task.taskIndex(),
                files.stream().filter(file -> file.verification() == FileVerification.VERIFIED).count(),
                files.size(), result.bytesVerified(), result.bytesSent(), result.bytesReused(), target.region());
        return result;
    }

    private FileCopyResult await(CopyTask task, FileEntry file, Future<FileCopyResult> future,
            List<StartedTask> all) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            all.stream().flatMap(started -> started.files().stream()).forEach(each -> each.cancel(true));
            Thread.currentThread().interrupt();
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot finish the copy of job " + task.jobId()
                    + ": interrupted while waiting for task " + task.taskIndex() + ". The job will be retried", e);
        } catch (ExecutionException e) {
            LOG.error("job {} task {}: copy of {} failed unexpectedly", task.jobId(), task.taskIndex(),
                    file.relativePath(), e.getCause());
            return new FileCopyResult(file.relativePath(), 0, "", "", FileVerification.FAILED,
                    "copy failed unexpectedly: " + e.getCause());
        }
    }

    private static CopyTaskResult failedTask(CopyTask task, String detail) {
        LOG.warn("job {} task {}: {}", task.jobId(), task.taskIndex(), detail);
        List<FileCopyResult> files = task.files().stream().map(file -> new FileCopyResult(file.relativePath(), 0,
                "", "", FileVerification.FAILED, detail)).toList();
        return new CopyTaskResult(task.jobId(), task.taskIndex(), files);
    }

    private static ThreadFactory threadFactory(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "strait-copy-" + name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
