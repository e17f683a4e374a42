package io.strait.sql.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.strait.common.job.ClaimUnits;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobDag;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The state store's claim ({@code SELECT ... FOR UPDATE SKIP LOCKED}) on MariaDB: it picks exactly what the pure
 * rule {@link JobDag#claimOrder} picks (with partition syncs and drops of a table batched into one worker's units or
 * not), and
 * processes claiming at once never take one job twice or two conflicting
 * jobs together.
 */
class JdbcJobClaimsTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static TestingMariaDb db;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    /**
     * One generated job: its object, the state it is put in, its capture time, and the previous name when it is a
     * rename (null otherwise).
     */
    private record Spec(ObjectRef object, JobState state, long capturedAt, boolean urgentLink, TableRef renamedFrom) {
    }

    @Test
    void theClaimPicksWhatThePureRulePicksOnRandomBacklogs() {
        claimsPickWhatThePureRulePicks(false);
    }

    @Test
    void theClaimReadingTableByTablePicksWhatThePureRulePicksOnRandomBacklogs() {
        claimsPickWhatThePureRulePicks(true);
    }

    /** {@code tableByTable}: a link with a closed table is read table by table, however few its pending jobs. */
    private static void claimsPickWhatThePureRulePicks(boolean tableByTable) {
        AtomicInteger cases = new AtomicInteger();
        qt().withExamples(60).withShrinkCycles(0).forAll(backlogs(), integers().between(1, 6),
                integers().between(1, 3), integers().between(1, 4)).checkAssert((specs, max, tableConcurrency,
                        partitionBatch) -> {
                    String prefix = "claims" + cases.incrementAndGet() + "x" + System.nanoTime();
                    String urgent = prefix + "-urgent";
                    String relaxed = prefix + "-relaxed";
                    JobDeadlines deadlines = new JobDeadlines(Map.of(urgent, Duration.ofMinutes(5),
                            relaxed, Duration.ofHours(4)));
                    JdbcJobStore store = store("claimer", deadlines);
                    if (tableByTable) {
                        store.readClaimsTableByTableWheneverATableIsClosed();
                    }
                    createInStates(store, specs, urgent, relaxed);
                    List<ReplicationJob> unfinished = new ArrayList<>(store.findUnfinished(urgent));
                    unfinished.addAll(store.findUnfinished(relaxed));
                    JobClaim claim = new JobClaim(Set.of(urgent, relaxed), max, tableConcurrency, partitionBatch);
                    List<Long> expected = JobDag.claimOrder(unfinished, claim.units(), tableConcurrency,
                            deadlines::deadline).stream().map(ReplicationJob::id).toList();

                    List<ReplicationJob> claimed = store.claim(claim);

                    assertThat(claimed).extracting(ReplicationJob::id).as("jobs %s, batch %s", specs, partitionBatch)
                            .containsExactlyElementsOf(expected);
                    assertThat(ClaimUnits.of(claimed, partitionBatch)).as("one unit per worker at most")
                            .hasSizeLessThanOrEqualTo(max);
                    assertThat(claimed).allSatisfy(job -> {
                        assertThat(job.state()).isEqualTo(JobState.PLANNED);
                        assertThat(store.find(job.id()).orElseThrow()).isEqualTo(job);
                        assertThat(store.holdsLease(job.id())).isTrue();
                    });
                });
    }

    @Test
    void aRenameWaitsForEarlierJobsOfBothNamesAndLaterOnesWaitForIt() {
        String link = JdbcJobStoreTest.newLink();
        JdbcJobStore store = store("renamer", JobDeadlines.DEFAULT);
        TableRef oldName = TableRef.of("db", "t");
        TableRef newName = TableRef.of("db", "u");
        List<Long> ids = store.createJobs(link, 0, 5, List.of(
                new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("db", "t", List.of("p1")), 1, 0),
                NewJob.rename(link, oldName, newName, 2, 0),
                new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("db", "u", List.of("p1")), 3, 0),
                new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(oldName), 4, 0),
                new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("db", "v")), 5, 0)));

        ReplicationJob rename = store.find(ids.get(1)).orElseThrow();
        assertThat(rename.kind()).isEqualTo(JobKind.RENAME_TABLE);
        assertThat(rename.renamedFrom()).isEqualTo(oldName);
        // the earlier job of the old name runs first, with the unrelated table
        assertThat(store.claim(new JobClaim(Set.of(link), 10, 4))).extracting(ReplicationJob::id)
                .containsExactly(ids.get(0), ids.get(4));
        assertThat(store.claim(new JobClaim(Set.of(link), 10, 4))).isEmpty();
        setState(ids.get(0), JobState.SUCCEEDED);
        // then the rename alone: the later jobs of either name wait for it
        assertThat(store.claim(new JobClaim(Set.of(link), 10, 4))).extracting(ReplicationJob::id)
                .containsExactly(ids.get(1));
        assertThat(store.claim(new JobClaim(Set.of(link), 10, 4))).isEmpty();
        setState(ids.get(1), JobState.SUCCEEDED);
        assertThat(store.claim(new JobClaim(Set.of(link), 10, 4))).extracting(ReplicationJob::id)
                .containsExactly(ids.get(2), ids.get(3));
    }

    @Test
    void aRenameIsNeitherCoalescedNorCoalescesOthers() {
        String link = JdbcJobStoreTest.newLink();
        JdbcJobStore store = store("renamer", JobDeadlines.DEFAULT);
        TableRef newName = TableRef.of("db", "u");
        List<Long> ids = store.createJobs(link, 0, 2, List.of(
                new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(newName), 1, 0),
                NewJob.rename(link, TableRef.of("db", "t"), newName, 2, 0)));
        assertThat(store.find(ids.get(0)).orElseThrow().state()).isEqualTo(JobState.PENDING);

        long drop = store.createJobs(link, 2, 3, List.of(
                new NewJob(link, JobKind.DROP_TABLE, ObjectRef.table(newName), 3, 0))).get(0);

        assertThat(store.find(ids.get(0)).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
        assertThat(store.find(ids.get(1)).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(store.find(drop).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aClaimIsLeasedFencedAndRecordedWithItsHolder() {
        String link = JdbcJobStoreTest.newLink();
        JdbcJobStore store = store("host-a:1:x", JobDeadlines.DEFAULT);
        long id = store.createJobs(link, 0, 1, List.of(partitionJob(link, 1, "p1", 0))).get(0);

        ReplicationJob claimed = store.claim(new JobClaim(Set.of(link), 5, 4)).get(0);

        assertThat(claimed.id()).isEqualTo(id);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(store.history(id)).extracting(JobTransition::reason).last().asString()
                .isEqualTo("claimed by host-a:1:x, attempt 1");
        // a second process can neither claim it nor move it: it holds no lease
        JdbcJobStore other = store("host-b:2:y", JobDeadlines.DEFAULT);
        assertThat(other.claim(new JobClaim(Set.of(link), 5, 4))).isEmpty();
        assertThat(other.holdsLease(id)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.transition(
                JobTransitionRequest.of(claimed, JobState.COPYING, "not mine")))
                .isInstanceOf(io.strait.common.job.StaleJobVersionException.class);
        assertThat(store.transition(JobTransitionRequest.of(claimed, JobState.COPYING, "mine")).state())
                .isEqualTo(JobState.COPYING);
    }

    @Test
    void anUrgentLinksJobOvertakesAnOlderBacklogOfARelaxedLink() {
        String urgent = JdbcJobStoreTest.newLink();
        String relaxed = JdbcJobStoreTest.newLink();
        JdbcJobStore store = store("edf", new JobDeadlines(Map.of(urgent, Duration.ofMinutes(10),
                relaxed, Duration.ofHours(4))));
        List<NewJob> backlog = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            backlog.add(partitionJob(relaxed, i + 1, "p" + i, 1_000 + i));
        }
        store.createJobs(relaxed, 0, 50, backlog);
        // captured an hour after the whole backlog, but due 3h50m earlier
        long urgentId = store.createJobs(urgent, 0, 1, List.of(partitionJob(urgent, 1, "q", 3_600_000))).get(0);

        List<ReplicationJob> claimed = store.claim(new JobClaim(Set.of(urgent, relaxed), 3, 4));

        assertThat(claimed).extracting(ReplicationJob::id).first().isEqualTo(urgentId);
        assertThat(claimed).hasSize(3);
    }

    @Test
    void oneHugeTableDoesNotStarveTheOthers() {
        String link = JdbcJobStoreTest.newLink();
        JdbcJobStore store = store("fair", JobDeadlines.DEFAULT);
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(partitionJob(link, i + 1, "p" + i, i));
        }
        jobs.add(new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("db", "small", List.of("x")), 201, 10_000));
        List<Long> ids = store.createJobs(link, 0, 201, jobs);

        List<ReplicationJob> first = store.claim(new JobClaim(Set.of(link), 2, 2));
        List<ReplicationJob> second = store.claim(new JobClaim(Set.of(link), 2, 2));

        assertThat(first).extracting(ReplicationJob::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(second).as("the big table is at its concurrency; the small table's job is claimed")
                .extracting(ReplicationJob::id).containsExactly(ids.get(200));
    }

    @Test
    void aClaimReadsNoneOfAFullTablesBacklog() throws SQLException {
        long small = indexReadsOfAClaimBesideAFullTable(300);
        long large = indexReadsOfAClaimBesideAFullTable(3_000);

        assertThat(large).as("rows read by a claim beside a full table of 3,000 pending jobs, against 300 (%d)",
                small).isLessThanOrEqualTo(small + 10);
        // a claim of 4 counts at most 8 pages of 16 of the full table's jobs to choose how to read the others
        assertThat(large).as("rows read by the claim").isLessThan(200);
    }

    /**
     * Table {@code big} with {@code backlog} pending jobs and its two jobs in flight (table concurrency 2: full),
     * table {@code small} with one pending job of a later deadline: a claim takes the small table's job. Returns the
     * rows the claim's transaction read (InnoDB handler reads of its connection, the claim's SQL only).
     */
    private static long indexReadsOfAClaimBesideAFullTable(int backlog) throws SQLException {
        String link = JdbcJobStoreTest.newLink();
        try (io.strait.sql.StateStore oneConnection = io.strait.sql.StateStore.open(db.jdbcUrl(), db.user(),
                db.password(), 1)) {
            JdbcJobStore store = new JdbcJobStore(oneConnection.dataSource(), Clock.systemUTC(), "capped", LEASE,
                    JobDeadlines.DEFAULT);
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < backlog + 2; i++) {
                jobs.add(new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("db", "big", List.of("p" + i)),
                        i + 1, i));
            }
            jobs.add(new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("db", "small", List.of("x")),
                    backlog + 3, 1_000_000));
            List<Long> ids = store.createJobs(link, 0, jobs.size(), jobs);
            assertThat(store.claim(new JobClaim(Set.of(link), 2, 2))).extracting(ReplicationJob::id)
                    .containsExactly(ids.get(0), ids.get(1));

            long before = handlerReads(oneConnection);
            List<ReplicationJob> claimed = store.claim(new JobClaim(Set.of(link), 4, 2));
            long reads = handlerReads(oneConnection) - before;

            assertThat(claimed).extracting(ReplicationJob::id).containsExactly(ids.get(ids.size() - 1));
            return reads;
        }
    }

    /** Rows read so far on the pool's only connection (index and table reads of every kind). */
    private static long handlerReads(io.strait.sql.StateStore oneConnection) throws SQLException {
        try (Connection connection = oneConnection.dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery("SELECT SUM(VARIABLE_VALUE)"
                        + " FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME IN ('HANDLER_READ_FIRST',"
                        + " 'HANDLER_READ_KEY', 'HANDLER_READ_LAST', 'HANDLER_READ_NEXT', 'HANDLER_READ_PREV')")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void processesClaimingAtOnceNeverTakeAJobTwiceNorTwoConflictingJobs() throws Exception {
        String link = JdbcJobStoreTest.newLink();
        JdbcJobStore planner = store("planner", JobDeadlines.DEFAULT);
        List<NewJob> jobs = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 240; i++) {
            String table = List.of("t", "u", "v").get(random.nextInt(3));
            ObjectRef object = i % 60 == 59 ? ObjectRef.database("db")
                    : i % 20 == 19 ? ObjectRef.table(TableRef.of("db", table))
                    : new ObjectRef("db", table, List.of(Integer.toString(i)));
            JobKind kind = object.level() == ObjectRef.Level.PARTITION && i % 3 == 1 ? JobKind.DROP_PARTITION
                    : kindOf(object);
            jobs.add(new NewJob(link, kind, object, i + 1, random.nextInt(1_000)));
        }
        // partitions are distinct objects (nothing coalesces); table and database jobs hold them back
        planner.createJobs(link, 0, 240, jobs);
        int total = planner.findUnfinished(link).size();
        Map<Long, ReplicationJob> inFlight = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        Set<Long> everClaimed = ConcurrentHashMap.newKeySet();
        ExecutorService processes = Executors.newFixedThreadPool(4);
        List<Future<Integer>> shares = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            JdbcJobStore process = store("process-" + p, JobDeadlines.DEFAULT);
            shares.add(processes.submit(() -> runUntilDrained(process, link, inFlight, everClaimed, violations)));
        }
        List<Integer> perProcess = new ArrayList<>();
        for (Future<Integer> share : shares) {
            perProcess.add(share.get(120, TimeUnit.SECONDS));
        }
        processes.shutdown();

        assertThat(violations).isEmpty();
        assertThat(perProcess.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        assertThat(everClaimed).hasSize(total);
        assertThat(perProcess).as("every process did a share: %s", perProcess).allSatisfy(share ->
                assertThat(share).isPositive());
        assertThat(planner.findUnfinished(link)).isEmpty();
    }

    private static int runUntilDrained(JdbcJobStore process, String link, Map<Long, ReplicationJob> inFlight,
            Set<Long> everClaimed, List<String> violations) {
        int done = 0;
        int idle = 0;
        while (process.hasUnfinished(link) && idle < 2_000) {
            List<ReplicationJob> claimed = process.claim(new JobClaim(Set.of(link), 2, 2));
            if (claimed.isEmpty()) {
                idle++;
                sleepQuietly();
                continue;
            }
            idle = 0;
            for (ReplicationJob job : claimed) {
                if (!everClaimed.add(job.id())) {
                    violations.add("job " + job.id() + " claimed twice");
                }
                for (ReplicationJob running : inFlight.values()) {
                    if (JobDag.conflicts(running.object(), job.object())) {
                        violations.add("job " + job.id() + " " + job.object() + " claimed while job " + running.id()
                                + " " + running.object() + " is in flight");
                    }
                }
                inFlight.put(job.id(), job);
            }
            for (ReplicationJob job : claimed) {
                ReplicationJob committed = process.transition(JobTransitionRequest.of(job, JobState.COMMITTED,
                        "metadata only").withCommittedAt(1));
                inFlight.remove(job.id());
                process.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));
                done++;
            }
        }
        return done;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JdbcJobStore store(String owner, JobDeadlines deadlines) {
        return new JdbcJobStore(db.dataSource(), Clock.systemUTC(), owner, LEASE, deadlines);
    }

    private static NewJob partitionJob(String link, long eventId, String value, long capturedAt) {
        return new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("db", "t", List.of(value)), eventId,
                capturedAt);
    }

    /** A generated partition job is a drop one time in two (by its capture time), so mixes hold syncs and drops. */
    private static JobKind kindOf(Spec spec) {
        return spec.object().level() == ObjectRef.Level.PARTITION && spec.capturedAt() % 2 == 1
                ? JobKind.DROP_PARTITION : kindOf(spec.object());
    }

    private static JobKind kindOf(ObjectRef object) {
        return switch (object.level()) {
            case DATABASE -> JobKind.SYNC_DATABASE;
            case TABLE -> JobKind.SYNC_TABLE;
            case PARTITION -> JobKind.SYNC_PARTITION;
        };
    }

    /**
     * Creates the jobs (one event each, in order; a new job supersedes pending ones of its object, so those are
     * created in their states one by one), then puts each in its state directly: a backlog as several processes
     * leave it.
     */
    private static void createInStates(JdbcJobStore store, List<Spec> specs, String urgent, String relaxed) {
        long[] cursors = new long[2];
        for (Spec spec : specs) {
            String link = spec.urgentLink() ? urgent : relaxed;
            int index = spec.urgentLink() ? 0 : 1;
            NewJob job = spec.renamedFrom() == null ? new NewJob(link, kindOf(spec), spec.object(),
                    cursors[index] + 1, spec.capturedAt()) : new NewJob(link, JobKind.RENAME_TABLE, spec.object(),
                    cursors[index] + 1, spec.capturedAt(), io.strait.common.job.JobOrigin.EVENT, spec.renamedFrom());
            long id = store.createJobs(link, cursors[index], cursors[index] + 1, List.of(job)).get(0);
            cursors[index]++;
            setState(id, spec.state());
        }
    }

    private static void setState(long id, JobState state) {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE replication_job SET state = ?, lease_owner = ?, lease_expires_at_ms = ? WHERE id = ?")) {
            update.setString(1, state.name());
            update.setString(2, state.isInFlight() ? "someone-else" : "");
            update.setLong(3, state.isInFlight() ? Long.MAX_VALUE : 0);
            update.setLong(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Gen<List<Spec>> backlogs() {
        List<ObjectRef> objects = new ArrayList<>();
        List<TableRef> renamedFrom = new ArrayList<>();
        for (String database : List.of("d1", "d2")) {
            objects.add(ObjectRef.database(database));
            renamedFrom.add(null);
            for (String table : List.of("t1", "t2")) {
                objects.add(ObjectRef.table(TableRef.of(database, table)));
                renamedFrom.add(null);
                for (String value : List.of("p1", "p2", "p3")) {
                    objects.add(new ObjectRef(database, table, List.of(value)));
                    renamedFrom.add(null);
                }
            }
        }
        // renames: within a database, and across databases
        List<TableRef[]> renames = List.of(new TableRef[] {TableRef.of("d1", "t1"), TableRef.of("d1", "t2")},
                new TableRef[] {TableRef.of("d1", "t2"), TableRef.of("d1", "t1")},
                new TableRef[] {TableRef.of("d2", "t1"), TableRef.of("d1", "t1")},
                new TableRef[] {TableRef.of("d1", "t2"), TableRef.of("d2", "t2")});
        for (TableRef[] rename : renames) {
            objects.add(ObjectRef.table(rename[1]));
            renamedFrom.add(rename[0]);
        }
        List<JobState> states = List.of(JobState.PENDING, JobState.PENDING, JobState.PENDING, JobState.PLANNED,
                JobState.COPYING, JobState.RETRY_WAIT, JobState.BLOCKED, JobState.SUCCEEDED, JobState.FAILED);
        Gen<Spec> spec = integers().between(0, objects.size() - 1).zip(integers().between(0, states.size() - 1),
                integers().between(0, 20_000_000), (object, state, captured) -> new Spec(objects.get(object),
                        states.get(state), captured, captured % 3 == 0, renamedFrom.get(object)));
        return lists().of(spec).ofSizeBetween(0, 14).map(Collections::unmodifiableList);
    }
}
