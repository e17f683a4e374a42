package io.strait.sql.job;

import static io.strait.sql.SampleValues.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.InMemoryJobStore;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coalescing at job creation on MariaDB against the rule ({@code JobCoalescing}) as the in-memory twin applies it
 * job by job: random creations over a few objects of every level (databases, tables, partitions, renames), in calls
 * of random sizes (some larger than one insert statement), with some waiting jobs claimed or put to retry between
 * calls. Both stores must end with every job in the same state, superseded by the same newer job.
 */
class CoalescingMatchesTheRuleTest {
    private static final AtomicInteger LINKS = new AtomicInteger();
    private static final Pattern COALESCED_BY = Pattern.compile("coalesced: job (\\d+) ");
    private static final TableRef OTHER = new TableRef("sales", "returns");
    private static TestingMariaDb db;
    private static TestingClock clock;
    private static JdbcJobStore jdbc;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(1_700_000_000_000L);
        jdbc = new JdbcJobStore(db.dataSource(), clock);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void randomBurstsSupersedeTheSameJobsAsTheRule() {
        Random random = new Random(20261203L);
        int superseded = 0;
        for (int run = 0; run < 60; run++) {
            superseded += runCase(random, 1 + random.nextInt(5), 1, 40);
        }
        // the cases are dense in repeated objects: coalescing must have happened, not only been allowed to
        assertThat(superseded).isGreaterThan(100);
    }

    @Test
    void callsLargerThanOneInsertStatementSupersedeAcrossItsBatches() {
        Random random = new Random(7L);
        assertThat(runCase(random, 2, 600, 700)).isGreaterThan(1_000);
    }

    /** One case; returns how many jobs ended superseded. */
    private static int runCase(Random random, int calls, int minJobsPerCall, int maxJobsPerCall) {
        String link = "coalesce-" + LINKS.incrementAndGet();
        InMemoryJobStore memory = InMemoryJobStore.create(clock, Duration.ofMinutes(5), JobDeadlines.DEFAULT,
                "host:1:aa");
        List<Long> jdbcIds = new ArrayList<>();
        List<Long> memoryIds = new ArrayList<>();
        long cursor = 0;
        for (int call = 0; call < calls; call++) {
            List<NewJob> jobs = new ArrayList<>();
            int size = minJobsPerCall + random.nextInt(maxJobsPerCall - minJobsPerCall + 1);
            for (int i = 0; i < size; i++) {
                jobs.add(randomJob(random, link, cursor + i + 1));
            }
            jdbcIds.addAll(jdbc.createJobs(link, cursor, cursor + size, jobs));
            memoryIds.addAll(memory.createJobs(link, cursor, cursor + size, jobs));
            cursor += size;
            // some waiting jobs are claimed (then never superseded), some of those wait to retry (then they are)
            for (int index = 0; index < jdbcIds.size(); index++) {
                int dice = random.nextInt(10);
                if (dice < 2) {
                    claimOrRetry(jdbc, jdbcIds.get(index), dice == 0);
                    claimOrRetry(memory, memoryIds.get(index), dice == 0);
                }
            }
        }
        Map<Long, Integer> jdbcIndex = indexOf(jdbcIds);
        Map<Long, Integer> memoryIndex = indexOf(memoryIds);
        int superseded = 0;
        for (int index = 0; index < jdbcIds.size(); index++) {
            ReplicationJob fromJdbc = jdbc.find(jdbcIds.get(index)).orElseThrow();
            ReplicationJob fromMemory = memory.find(memoryIds.get(index)).orElseThrow();
            assertThat(fromJdbc.state()).as("job %d of %s (%s %s)", index, link, fromJdbc.kind(), fromJdbc.object())
                    .isEqualTo(fromMemory.state());
            assertThat(fromJdbc.version()).as("version of job %d of %s", index, link)
                    .isEqualTo(fromMemory.version());
            if (fromJdbc.state() == JobState.SUPERSEDED) {
                superseded++;
                assertThat(supersededBy(jdbc, jdbcIds.get(index), jdbcIndex))
                        .as("the job that superseded job %d of %s", index, link)
                        .isEqualTo(supersededBy(memory, memoryIds.get(index), memoryIndex));
            }
        }
        return superseded;
    }

    private static NewJob randomJob(Random random, String link, long event) {
        int pick = random.nextInt(12);
        if (pick == 0) {
            return new NewJob(link, random.nextBoolean() ? JobKind.SYNC_DATABASE : JobKind.DROP_DATABASE,
                    ObjectRef.database("sales"), event, event * 10);
        }
        if (pick <= 2) {
            TableRef table = random.nextBoolean() ? ORDERS : OTHER;
            return new NewJob(link, random.nextBoolean() ? JobKind.SYNC_TABLE : JobKind.DROP_TABLE,
                    ObjectRef.table(table), event, event * 10);
        }
        if (pick == 3) {
            boolean toOrders = random.nextBoolean();
            return NewJob.rename(link, toOrders ? OTHER : ORDERS, toOrders ? ORDERS : OTHER, event, event * 10);
        }
        TableRef table = random.nextInt(4) == 0 ? OTHER : ORDERS;
        ObjectRef partition = ObjectRef.partition(PartitionRef.of(table,
                List.of("2024-01-0" + (1 + random.nextInt(3)), random.nextBoolean() ? "eu" : "us")));
        return new NewJob(link, random.nextInt(4) == 0 ? JobKind.DROP_PARTITION : JobKind.SYNC_PARTITION, partition,
                event, event * 10);
    }

    private static void claimOrRetry(JobStore store, long id, boolean retry) {
        ReplicationJob job = store.find(id).orElseThrow();
        if (job.state() == JobState.PENDING) {
            ReplicationJob planned = store.transition(JobTransitionRequest.of(job, JobState.PLANNED, "claimed"));
            if (retry) {
                store.transition(JobTransitionRequest.of(planned, JobState.RETRY_WAIT, "a retry"));
            }
        }
    }

    /** The position (in creation order) of the job that superseded job {@code id}. */
    private static int supersededBy(JobStore store, long id, Map<Long, Integer> indexOfId) {
        JobTransition last = store.history(id).get(store.history(id).size() - 1);
        assertThat(last.to()).isEqualTo(JobState.SUPERSEDED);
        Matcher matcher = COALESCED_BY.matcher(last.reason());
        assertThat(matcher.find()).as("reason of job %d: %s", id, last.reason()).isTrue();
        return indexOfId.get(Long.parseLong(matcher.group(1)));
    }

    private static Map<Long, Integer> indexOf(List<Long> ids) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        return index;
    }
}
