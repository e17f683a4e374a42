package io.strait.scheduler.run;

import io.strait.common.config.TableFilter;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionId;
import io.strait.scheduler.cycle.JobDispatcher;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.scheduler.cycle.RetrySchedule;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingMariaDb;
import io.strait.sync.InProcessCopyExecutor;
import io.strait.sync.MetastoreReplicaPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Test fixture: link {@value #LINK} from region a to region b on a fresh MariaDB state store, with in-memory
 * metastores and filesystems and the real copy and publish, and a {@link ReplicationCycle} over it.
 */
final class TestingCycleLink implements AutoCloseable {
    static final String LINK = "a-to-b";
    static final RegionId A = RegionId.of("a");
    static final RegionId B = RegionId.of("b");
    static final String SOURCE_ROOT = "mem://a/external";
    static final String TARGET_ROOT = "mem://b/external";

    final TestingMariaDb store = TestingMariaDb.create();
    final JdbcEventLog events = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
    final JdbcJobStore jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
    final InMemoryMetastoreGateway sourceMetastore = new InMemoryMetastoreGateway(A);
    final InMemoryMetastoreGateway targetMetastore = new InMemoryMetastoreGateway(B);
    final InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(A);
    final InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(B);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final InProcessCopyExecutor copyExecutor = new InProcessCopyExecutor(sourceFiles, targetFiles, 2);

    /** A cycle of the link: 2 job workers, attempts up to 2, 50 ms retry backoff. */
    ReplicationCycle cycle() {
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime(LINK, A, B, TableFilter.all(), sourceMetastore, sourceFiles,
                targetFiles, mapper, copyExecutor, new MetastoreReplicaPublisher(targetMetastore, mapper));
        JobRunner runner = new JobRunner(link, jobs,
                new CopySharder(1_000, 2), 2, Clock.systemUTC());
        return new ReplicationCycle(link, events, jobs, new JobDispatcher(jobs, Map.of(link.name(), runner), workers, 2, 4),
                new RetrySchedule(Duration.ofMillis(50)),
                100, Clock.systemUTC());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        copyExecutor.close();
        store.close();
    }
}
