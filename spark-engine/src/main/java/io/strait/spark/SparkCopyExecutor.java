package io.strait.spark;

import io.strait.common.config.DataSize;
import io.strait.common.copy.CopyExecutor;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReusableFile;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.sync.CopyBandwidth;
import io.strait.sync.ReusingFileCopier;
import io.strait.sync.VerifyingFileCopier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs copy tasks as one Spark job: the tasks' files are spread over the executors, and each executor opens both
 * regions' filesystems itself (from {@link RegionSettings}, once per JVM: {@link OpenRegions}) and copies its
 * files through the same {@link VerifyingFileCopier} as the in-process executor (and {@link ReusingFileCopier} for
 * files a delta task may take from the previous version). Only the results travel back to the driver; the scheduler records the manifest
 * and publishes exactly as for an in-process copy. Each task's target directory is created by the driver first.
 *
 * <p>A link's bandwidth budget ({@code links[].bandwidth}) holds on Spark too: the job runs one slice of files per
 * executor core, all at once, and each slice throttles its sent bytes to its share of the budget
 * ({@link #bandwidthShare}), so their sum stays within it.
 * If the Spark job itself fails (an executor lost beyond Spark's retries), every file of the run is {@code FAILED}
 * with the reason: nothing is taken as copied.
 */
public final class SparkCopyExecutor implements CopyExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCopyExecutor.class);

    private final SparkEngine engine;
    private final RegionSettings source;
    private final RegionSettings target;
    private final int bufferBytes;
    private final long bandwidthBytesPerSecond;
    private final DelegationTokenSource tokens;

    public SparkCopyExecutor(SparkEngine engine, RegionSettings source, RegionSettings target) {
        this(engine, source, target, VerifyingFileCopier.DEFAULT_BUFFER_BYTES);
    }

    public SparkCopyExecutor(SparkEngine engine, RegionSettings source, RegionSettings target, int bufferBytes) {
        this(engine, source, target, bufferBytes, Optional.empty());
    }

    /**
     * An executor whose copies send at most {@code bandwidth} bytes a second in all (the link's budget), or without
     * limit when empty.
     */
    public SparkCopyExecutor(SparkEngine engine, RegionSettings source, RegionSettings target, int bufferBytes,
            Optional<DataSize> bandwidth) {
        this(engine, source, target, bufferBytes, bandwidth, DelegationTokenSource.NONE);
    }

    /**
     * An executor whose runs carry the delegation tokens of {@code tokens} (asked before each run), through which
     * the driver and the executors reach regions that log in with Kerberos.
     */
    public SparkCopyExecutor(SparkEngine engine, RegionSettings source, RegionSettings target, int bufferBytes,
            Optional<DataSize> bandwidth, DelegationTokenSource tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes must be positive: " + bufferBytes);
        }
        this.bufferBytes = bufferBytes;
        this.bandwidthBytesPerSecond = bandwidth.map(DataSize::bytes).orElse(0L);
    }

    /**
     * Bytes a second each of {@code slices} slices running at once may send within {@code budget} bytes a second
     * (0: no budget), at least 1.
     */
    static long bandwidthShare(long budget, int slices) {
        return budget <= 0 ? 0 : Math.max(1, budget / Math.max(1, slices));
    }

    /**
     * The results of a run, and the processes ({@code executorId@host:pid}) that copied its files.
     */
    public record Run(List<CopyTaskResult> results, Set<String> processes) {
    }

    @Override
    public List<CopyTaskResult> execute(List<CopyTask> tasks) {
        return run(tasks).results();
    }

    /**
     * Creates each task's target directory, copies every file on the executors, gathers the results per task; with
     * the current delegation tokens of the regions, if any.
     */
    public Run run(List<CopyTask> tasks) {
        return engine.withTokens(tokens.current(), () -> runWithTokens(tasks));
    }

    private Run runWithTokens(List<CopyTask> tasks) {
        Map<Integer, String> unstartable = createTargetDirectories(tasks);
        List<FileWork> work = FileWork.of(tasks, unstartable.keySet());
        long bytes = tasks.stream().mapToLong(CopyTask::totalBytes).sum();
        LOG.info("copying {} task(s), {} file(s), {} bytes on Spark ({}), region {} -> {}", tasks.size(),
                work.size(), bytes, engine.settings().master(), source.region(), target.region());
        List<FileOutcome> outcomes;
        String jobFailure = "";
        try {
            outcomes = work.isEmpty() ? List.of() : copyOnExecutors(work);
        } catch (RuntimeException e) {
            LOG.warn("Spark copy job {} -> {} failed: {}", source.region(), target.region(), e.toString());
            LOG.debug("Spark copy job failure", e);
            outcomes = List.of();
            jobFailure = "the Spark copy job failed: " + e;
        }
        Map<Integer, Map<Integer, FileOutcome>> byTask = new HashMap<>();
        Set<String> processes = new TreeSet<>();
        for (FileOutcome outcome : outcomes) {
            byTask.computeIfAbsent(outcome.taskIndex(), index -> new HashMap<>()).put(outcome.fileIndex(), outcome);
            processes.add(outcome.process());
        }
        List<CopyTaskResult> results = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            CopyTask task = tasks.get(t);
            String failure = unstartable.getOrDefault(t, jobFailure);
            Map<Integer, FileOutcome> files = byTask.getOrDefault(t, Map.of());
            List<FileCopyResult> fileResults = new ArrayList<>();
            for (int f = 0; f < task.files().size(); f++) {
                FileOutcome outcome = files.get(f);
                fileResults.add(outcome != null ? outcome.result() : new FileCopyResult(
                        task.files().get(f).relativePath(), 0, "", "", FileVerification.FAILED,
                        failure.isEmpty() ? "no result came back from the Spark executors" : failure));
            }
            results.add(logged(task, new CopyTaskResult(task.jobId(), task.taskIndex(), fileResults)));
        }
        return new Run(results, processes);
    }

    private Map<Integer, String> createTargetDirectories(List<CopyTask> tasks) {
        Map<Integer, String> failures = new HashMap<>();
        HadoopRegionFileSystem targetFs;
        try {
            targetFs = OpenRegions.ofThisJvm().of(target);
        } catch (RuntimeException e) {
            for (int t = 0; t < tasks.size(); t++) {
                failures.put(t, "cannot open the filesystem of region " + target.region() + ": " + e);
            }
            return failures;
        }
        for (int t = 0; t < tasks.size(); t++) {
            CopyTask task = tasks.get(t);
            try {
                targetFs.mkdirs(task.targetDirectory());
            } catch (Exception e) {
                failures.put(t, "cannot create target directory " + task.targetDirectory() + " in region "
                        + target.region() + ": " + e);
            }
        }
        return failures;
    }

    private List<FileOutcome> copyOnExecutors(List<FileWork> work) {
        // one slice per executor core, balanced by bytes
        List<ArrayList<FileWork>> slices = FileWork.balance(work, engine.defaultParallelism());
        RegionSettings from = source;
        RegionSettings to = target;
        int buffer = bufferBytes;
        long share = bandwidthShare(bandwidthBytesPerSecond, slices.size());
        if (share > 0) {
            LOG.debug("bandwidth {} B/s over {} slice(s): {} B/s each", bandwidthBytesPerSecond, slices.size(), share);
        }
        engine.context().setJobGroup("strait-copy", "copy " + work.size() + " file(s) " + from.region() + " -> "
                + to.region(), true);
        return SliceJob.run(engine.context(), slices, slice -> copyAll(from, to, buffer, share, slice));
    }

    /**
     * Runs on an executor: copies the files of one slice (sending at most {@code bandwidthShare} bytes a second, 0:
     * no limit) through the executor JVM's open filesystems of both regions ({@link OpenRegions}).
     */
    private static List<FileOutcome> copyAll(RegionSettings from, RegionSettings to, int bufferBytes,
            long bandwidthShare, List<FileWork> slice) {
        String process = process();
        List<FileOutcome> outcomes = new ArrayList<>();
        HadoopRegionFileSystem sourceFs = OpenRegions.ofThisJvm().of(from);
        HadoopRegionFileSystem targetFs = OpenRegions.ofThisJvm().of(to);
        VerifyingFileCopier copier = new VerifyingFileCopier(sourceFs, targetFs, bufferBytes,
                bandwidthShare > 0 ? CopyBandwidth.bytesPerSecond(bandwidthShare) : CopyBandwidth.unlimited());
        ReusingFileCopier reuser = new ReusingFileCopier(sourceFs, targetFs);
        for (FileWork file : slice) {
            Optional<ReusableFile> previous = file.previous();
            FileCopyResult result = previous
                    .flatMap(reusable -> reuser.reuse(file.sourceDirectory(), file.targetDirectory(),
                            file.entry(), reusable))
                    .orElseGet(() -> copier.copy(file.sourceDirectory(), file.targetDirectory(), file.entry()));
            outcomes.add(FileOutcome.of(file, result, process));
        }
        return outcomes;
    }

    /** {@code executorId@host:pid} of this JVM. */
    private static String process() {
        SparkEnv env = SparkEnv.get();
        String executor = env == null ? "?" : env.executorId();
        return executor + "@" + ProcessHandle.current().pid();
    }

    private static CopyTaskResult logged(CopyTask task, CopyTaskResult result) {
        Set<String> failed = new HashSet<>();
        result.files().stream().filter(file -> file.verification() != FileVerification.VERIFIED)
                .forEach(file -> failed.add(file.relativePath()));
        for (FileCopyResult file : result.files()) {
            if (file.verification() != FileVerification.VERIFIED) {
                LOG.warn("job {} task {}: file {} {}: {}", task.jobId(), task.taskIndex(), file.relativePath(),
                        file.verification(), file.detail());
            }
        }
        LOG.info("job {} task {}: {} of {} file(s) verified on Spark, {} bytes ({} sent, {} reused)", task.jobId(),
                task.taskIndex(), result.files().size() - failed.size(), result.files().size(),
                result.bytesVerified(), result.bytesSent(), result.bytesReused());
        return result;
    }
}
