package io.strait.ops.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.ReconcileConfig;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;
import io.strait.sql.divergence.JdbcDivergenceStore;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingMariaDb;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconcile with its state-store inputs on a real MariaDB: work in flight from {@code replication_job} and
 * {@code hms_event}, copy records from {@code file_manifest}, scans recorded in {@code reconcile_scan}. Regions: the
 * in-memory metastore and the Hadoop filesystem over local folders.
 */
class StateStoreReconcileTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static TestingMariaDb db;
    private static JdbcJobStore jobs;
    private static JdbcEventLog events;
    private static JdbcDivergenceStore scans;

    @TempDir
    Path work;
    private final InMemoryMetastoreGateway sourceMetastore = new InMemoryMetastoreGateway(A);
    private final InMemoryMetastoreGateway targetMetastore = new InMemoryMetastoreGateway(B);
    private HadoopRegionFileSystem sourceFiles;
    private HadoopRegionFileSystem targetFiles;
    private LinkConfig link;
    private TableRef table;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        jobs = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
        events = new JdbcEventLog(db.dataSource(), Clock.systemUTC());
        scans = new JdbcDivergenceStore(db.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void regions() {
        int n = TABLES.incrementAndGet();
        link = new LinkConfig("a-to-b-" + n, A, B, List.of("*.*"), List.of());
        table = TableRef.of("sales", "orders_" + n);
        sourceFiles = HadoopRegionFileSystem.create(A, Map.of());
        targetFiles = HadoopRegionFileSystem.create(B, Map.of());
        for (InMemoryMetastoreGateway metastore : List.of(sourceMetastore, targetMetastore)) {
            String root = root(metastore);
            metastore.createDatabase(new DatabaseSnapshot("sales", root + "/sales", "", Map.of()));
            metastore.createTable(new TableSnapshot(table, TableSnapshot.EXTERNAL_TABLE, root + "/" + table.table(),
                    List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")),
                    StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "hive"));
        }
    }

    @AfterEach
    void close() {
        sourceFiles.close();
        targetFiles.close();
    }

    @Test
    void aPartitionWithAJobInFlightIsReportedInFlightAndNotDivergent() throws IOException {
        addPartition("2024-01-01", 0, Map.of("part-0", "one"));
        ReplicationJob job = createJob(JobKind.SYNC_PARTITION, "2024-01-02");
        addPartition("2024-01-02", job.id(), Map.of("part-0", "two", "part-1", "more"));
        targetFiles.delete(replicaLocation("2024-01-02", job.id()) + "/part-1");

        ReconcileScan inFlight = reconciler().reconcile(table, ReconcileDepth.BYTES);

        assertThat(inFlight.status()).isEqualTo(ReconcileScan.Status.CONSISTENT);
        assertThat(inFlight.divergences()).extracting(Divergence::divergenceClass, Divergence::subject,
                Divergence::detail).containsExactly(tuple(DivergenceClass.IN_FLIGHT, table + "/2024-01-02",
                        "job " + job.id() + " SYNC_PARTITION PENDING; differs now: MISSING_FILE 1"));
        assertThat(scans.latestScan(A, B, table)).contains(inFlight);

        jobs.transition(JobTransitionRequest.of(job, JobState.CANCELLED, "operator"));

        assertThat(reconciler().reconcile(table, ReconcileDepth.BYTES).divergences())
                .extracting(Divergence::divergenceClass, Divergence::subject)
                .containsExactly(tuple(DivergenceClass.MISSING_FILE, table + "/2024-01-02:part-1"));
    }

    @Test
    void aSourceEventNotYetPlannedPutsItsPartitionInFlight() throws IOException {
        addPartition("2024-01-01", 0, Map.of("part-0", "one"));
        long event = events.append(new CapturedEvent(A, EventType.INSERT, "sales", table.table(), 1,
                CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofPartitions(sourceMetastore.getTable(table).orElseThrow(),
                        List.of(sourceMetastore.getPartition(PartitionRef.of(table, List.of("2024-01-01")))
                                .orElseThrow()))));
        events.append(new CapturedEvent(A, EventType.INSERT, "sales", table.table(), 1, CapturedEvent.ORIGIN_STRAIT,
                EventSnapshot.ofTable(sourceMetastore.getTable(table).orElseThrow())));

        ReconcileScan scan = reconciler().reconcile(table, ReconcileDepth.FILES);

        assertThat(scan.divergences()).extracting(Divergence::divergenceClass, Divergence::detail).containsExactly(
                tuple(DivergenceClass.IN_FLIGHT, "event " + event + " INSERT not yet replicated; no difference seen"));
        assertThat(ReconcileReportExit.of(scan)).isZero();
    }

    @Test
    void filesDepthUsesTheManifestOfTheJobThatWroteTheReplica() throws Exception {
        ReplicationJob job = createJob(JobKind.SYNC_PARTITION, "2024-01-01");
        addPartition("2024-01-01", job.id(), Map.of("part-0", "first", "sub/part-1", "second"));
        String source = sourceLocation("2024-01-01");
        String replica = replicaLocation("2024-01-01", job.id());
        copiedAndSucceeded(job, source, replica);
        assertThat(reconciler().reconcile(table, ReconcileDepth.FILES).divergences()).isEmpty();

        Path sourceFile = Path.of(java.net.URI.create(source + "/part-0"));
        long copied = Files.getLastModifiedTime(sourceFile).toMillis();
        Files.writeString(sourceFile, "FIRST");
        Files.setLastModifiedTime(sourceFile, FileTime.fromMillis(copied + 60_000));

        ReconcileScan scan = reconciler().reconcile(table, ReconcileDepth.FILES);

        assertThat(scan.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.DIFFERENT_FILE);
            assertThat(divergence.relativePath()).isEqualTo("part-0");
            assertThat(divergence.detail()).isEqualTo("size=5 modified " + Instant.ofEpochMilli(copied + 60_000)
                    + " in a, size=5 " + checksum("first") + " verified copy of the version modified "
                    + Instant.ofEpochMilli(copied) + " in b");
        });
        assertThat(scans.latestScan(A, B, table).orElseThrow().depth()).isEqualTo(ReconcileDepth.FILES);
    }

    private Reconciler reconciler() {
        return ReconcileInputs.fromStateStore(db.dataSource(), link, ReconcileConfig.DEFAULT, Optional.empty())
                .reconciler(new RegionEndpoint(sourceMetastore, sourceFiles),
                        new RegionEndpoint(targetMetastore, targetFiles)).divergenceStore(scans).build();
    }

    private ReplicationJob createJob(JobKind kind, String ds) {
        long cursor = jobs.plannerCursor(link.name());
        long id = jobs.createJobs(link.name(), cursor, cursor, List.of(new NewJob(link.name(), kind,
                ObjectRef.partition(PartitionRef.of(table, List.of(ds))), 1, 1))).get(0);
        return jobs.find(id).orElseThrow();
    }

    /** Moves the job through a verified copy of every file of {@code source} into {@code replica}, to SUCCEEDED. */
    private void copiedAndSucceeded(ReplicationJob job, String source, String replica) throws IOException {
        List<FileEntry> files = sourceFiles.listFiles(source);
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(job, JobState.PLANNED, "plan")
                .withTargetLocation(replica));
        jobs.savePlan(job.id(), new JobPlan(null, null, null, source, replica, files),
                List.of(new CopyTask(job.id(), 0, source, replica, files)));
        ReplicationJob copying = jobs.transition(JobTransitionRequest.of(planned, JobState.COPYING, "copy"));
        jobs.recordCopyResult(new CopyTaskResult(job.id(), 0, files.stream().map(file -> {
            String checksum = checksum(read(source + "/" + file.relativePath()));
            return new FileCopyResult(file.relativePath(), file.sizeBytes(), checksum, checksum,
                    FileVerification.VERIFIED, "");
        }).toList()));
        ReplicationJob state = jobs.transition(JobTransitionRequest.of(copying, JobState.COPIED, "copied"));
        for (JobState next : List.of(JobState.VERIFIED, JobState.COMMITTED, JobState.SUCCEEDED)) {
            state = jobs.transition(JobTransitionRequest.of(state, next, next.name()));
        }
    }

    private void addPartition(String ds, long jobId, Map<String, String> files) throws IOException {
        for (InMemoryMetastoreGateway metastore : List.of(sourceMetastore, targetMetastore)) {
            boolean source = metastore == sourceMetastore;
            String location = source ? sourceLocation(ds) : replicaLocation(ds, jobId);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = Path.of(java.net.URI.create(location + "/" + file.getKey()));
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            metastore.addPartition(new PartitionSnapshot(PartitionRef.of(table, List.of(ds)), location,
                    StorageFormat.PARQUET, Map.of()));
        }
    }

    private String root(InMemoryMetastoreGateway metastore) {
        return "file:" + work.resolve(metastore.region().name()).toAbsolutePath();
    }

    private String sourceLocation(String ds) {
        return root(sourceMetastore) + "/" + table.table() + "/ds=" + ds;
    }

    private String replicaLocation(String ds, long jobId) {
        String mapped = root(targetMetastore) + "/" + table.table() + "/ds=" + ds;
        return jobId <= 0 ? mapped : RegionFileSystem.resolve(mapped, "_strait_v" + jobId + "_1");
    }

    private String read(String uri) {
        try {
            return Files.readString(Path.of(java.net.URI.create(uri)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String checksum(String content) {
        try {
            return FileChecksums.checksum(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                    .checksum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The exit code reconcile gives a scan. */
    private static final class ReconcileReportExit {
        static int of(ReconcileScan scan) {
            return io.strait.reparo.ReconcileReport.exitCode(scan).code();
        }
    }
}
