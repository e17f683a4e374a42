package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.sql.job.JdbcJobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait run} processes that die or are stopped, on real components: a real child JVM running {@code strait
 * run} is killed with SIGKILL while it holds jobs, and a survivor takes them over within the lease; another child
 * running {@code run --until-drained} gets SIGTERM mid-flight and stops gracefully (exit 0, not 143), leaving no
 * lease behind. Every job ends SUCCEEDED exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessDeathIT {
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int BIG_FILE = 24 * 1024 * 1024;
    private static final List<String> DAYS = IntStream.rangeClosed(1, 10)
            .mapToObj(day -> String.format("2026-02-%02d", day)).toList();

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static SourceWriter writer;
    private static JdbcJobStore jobs;

    @BeforeAll
    static void start() throws Exception {
        pipeline = new TwoRegionPipeline(work, "sales.*");
        String yaml = Files.readString(pipeline.configFile);
        assertThat(yaml).contains("  job-workers: 8\n");
        // batches of 4 partitions: the bursts here are small (16 partitions), and with the default batch of 32 one
        // worker would take a whole burst, leaving nothing to share or to take over
        Files.writeString(pipeline.configFile, yaml.replace("  job-workers: 8\n",
                "  job-workers: 2\n  lease: " + LEASE.toSeconds() + "s\n  shutdown-grace: 60s\n"
                        + "  partition-batch: 4\n"));
        writer = new SourceWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot(),
                TABLE.database(), TABLE.table());
        jobs = new JdbcJobStore(pipeline.store.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static Process strait(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.strait.ops.cli.StraitCli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".log").toFile())
                .start();
    }

    /** Jobs in flight leased to the process with this pid (lease holders are host:pid:uuid). */
    private static List<Long> leasedTo(long pid) throws Exception {
        try (Connection connection = pipeline.store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT id FROM replication_job"
                     + " WHERE lease_owner LIKE ? AND state IN ('PLANNED', 'COPYING', 'COPIED', 'VERIFIED',"
                     + " 'COMMITTED') ORDER BY id")) {
            statement.setString(1, "%:" + pid + ":%");
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static void addBigFiles() throws IOException {
        Random random = new Random(7);
        byte[] content = new byte[BIG_FILE];
        for (String day : DAYS) {
            random.nextBytes(content);
            Path directory = writer.partitionDirectory(day);
            Files.createDirectories(directory);
            Files.write(directory.resolve("big-" + System.nanoTime() + ".bin"), content);
        }
    }

    private static void assertEveryJobSucceededExactlyOnce() {
        List<ReplicationJob> all = jobs.recent("a-to-b", Optional.empty(), 1000);
        assertThat(all).isNotEmpty().extracting(ReplicationJob::state).containsOnly(JobState.SUCCEEDED);
        for (ReplicationJob job : all) {
            assertThat(jobs.history(job.id())).extracting(JobTransition::to)
                    .filteredOn(state -> state == JobState.SUCCEEDED).as("job %s", job.id()).hasSize(1);
        }
    }

    @Test
    @Order(1)
    void aKilledProcesssJobsAreTakenOverByASurvivorWithinTheLease() throws Exception {
        addBigFiles();
        writer.createTableWithPartitions(DAYS);
        String cluster = "strait-death-" + System.nanoTime();
        Process doomed = strait("doomed", "run", "--config", pipeline.configFile.toString(),
                "--scheduler-name", cluster);
        List<Long> held;
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !leasedTo(doomed.pid()).isEmpty() || !doomed.isAlive());
            held = leasedTo(doomed.pid());
        } finally {
            doomed.destroyForcibly();
        }
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.currentTimeMillis();
        assertThat(held).as("the child held jobs when it was killed (see %s)", work.resolve("doomed.log"))
                .isNotEmpty();

        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
        try (StraitRuntime survivor = StraitRuntime.open(config, cluster, Clock.systemUTC())) {
            survivor.start();
            await().atMost(LEASE.multipliedBy(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    held.stream().allMatch(id -> jobs.history(id).stream()
                            .anyMatch(row -> row.reason().contains("taken over by " + survivor.leaseOwner())
                                    || row.reason().contains("taken over by"))));
            long takenOverAfter = System.currentTimeMillis() - killedAt;
            assertThat(takenOverAfter).as("taken over within the lease (and a heartbeat)")
                    .isLessThan(LEASE.toMillis() * 2 + 2_000);
            for (long id : held) {
                assertThat(jobs.history(id)).anyMatch(row -> row.reason().contains(":" + doomed.pid() + ":"));
            }
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(survivor::isDrained);
        }
        assertEveryJobSucceededExactlyOnce();
    }

    @Test
    @Order(2)
    void sigtermStopsAnUntilDrainedRunGracefullyWithExitZeroAndNoLeaseLeft() throws Exception {
        for (String day : DAYS) {
            writer.insertFile(day, BIG_FILE);
        }
        Process stopped = strait("stopped", "run", "--config", pipeline.configFile.toString(), "--until-drained",
                "--timeout", "300", "--scheduler-name", "strait-term-" + System.nanoTime());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> !leasedTo(stopped.pid()).isEmpty() || !stopped.isAlive());
        stopped.destroy(); // SIGTERM
        assertThat(stopped.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(work.resolve("stopped.out"));
        assertThat(stopped.exitValue()).as(out + Files.readString(work.resolve("stopped.log"))).isZero();
        assertThat(out).contains("stopping (SIGTERM)");
        assertThat(leasedTo(stopped.pid())).as("no lease left behind").isEmpty();

        CliCapture.Result rest = CliCapture.run("run", "--config", pipeline.configFile.toString(), "--until-drained",
                "--timeout", "300", "--scheduler-name", "strait-rest-" + System.nanoTime());
        assertThat(rest.exitCode()).as(rest.out()).isZero();
        assertEveryJobSucceededExactlyOnce();
    }

    @Test
    @Order(3)
    void twoProcessesShareOneLinkAndASurvivorAndALateComerFinishItWithoutDisturbingEachOther() throws Exception {
        TableRef events = TableRef.of("sales", "events");
        List<String> days = IntStream.rangeClosed(1, 16).mapToObj(day -> String.format("2026-03-%02d", day)).toList();
        try (SourceWriter eventsWriter = new SourceWriter(pipeline.regionA.metastoreUri(),
                pipeline.regionA.externalRoot(), events.database(), events.table())) {
            Random random = new Random(11);
            byte[] content = new byte[BIG_FILE];
            for (String day : days) {
                random.nextBytes(content);
                Path directory = eventsWriter.partitionDirectory(day);
                Files.createDirectories(directory);
                Files.write(directory.resolve("big.bin"), content);
            }
            String cluster = "strait-shared-" + System.nanoTime();
            Process first = strait("shared-1", "run", "--config", pipeline.configFile.toString(),
                    "--scheduler-name", cluster);
            Process second = strait("shared-2", "run", "--config", pipeline.configFile.toString(),
                    "--scheduler-name", cluster);
            Process lateComer = null;
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> first.isAlive() && second.isAlive()
                        && Files.readString(work.resolve("shared-1.log")).contains("replication started")
                        && Files.readString(work.resolve("shared-2.log")).contains("replication started"));
                eventsWriter.createTableWithPartitions(days);
                // kill the first process while it copies
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                        .until(() -> copying(first.pid()) || !first.isAlive());
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                lateComer = strait("shared-3", "run", "--config", pipeline.configFile.toString(),
                        "--scheduler-name", cluster);
                Process third = lateComer;
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() ->
                        !jobs.hasUnfinished("a-to-b") && tableJobs(events).size() > days.size()
                                && third.isAlive());
            } finally {
                second.destroyForcibly();
                if (lateComer != null) {
                    lateComer.destroyForcibly();
                }
            }
            List<ReplicationJob> tableJobs = tableJobs(events);
            Map<Long, Integer> claimsByProcess = new java.util.TreeMap<>();
            for (ReplicationJob job : tableJobs) {
                assertThat(job.state()).as("job %s: %s", job, jobs.history(job.id())).isEqualTo(JobState.SUCCEEDED);
                assertThat(jobs.history(job.id())).extracting(JobTransition::to)
                        .filteredOn(state -> state == JobState.SUCCEEDED).hasSize(1);
                for (JobTransition row : jobs.history(job.id())) {
                    for (long pid : List.of(first.pid(), second.pid(), lateComer.pid())) {
                        if (row.reason().startsWith("claimed by") && row.reason().contains(":" + pid + ":")) {
                            claimsByProcess.merge(pid, 1, Integer::sum);
                        }
                    }
                    if (row.reason().startsWith("taken over by") && row.reason().contains(hostPid(lateComer.pid()))) {
                        assertThat(row.reason()).as("the late comer took over nothing the survivor held")
                                .doesNotContain(hostPid(second.pid()));
                    }
                }
            }
            System.out.printf("claims by process: first (killed) %s, second %s, late comer %s%n",
                    claimsByProcess.get(first.pid()), claimsByProcess.get(second.pid()),
                    claimsByProcess.get(lateComer.pid()));
            assertThat(claimsByProcess).as("both processes did work before the kill: %s", claimsByProcess)
                    .containsKeys(first.pid(), second.pid());
            CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                    "sales.events", "--depth", "files");
            assertThat(reconcile.exitCode()).as(reconcile.out()).isZero();
            assertThat(reconcile.out()).contains("CONSISTENT");
        }
    }

    /** host:pid: the start of a lease holder's name. */
    private static String hostPid(long pid) {
        return ":" + pid + ":";
    }

    private static List<ReplicationJob> tableJobs(TableRef table) {
        return jobs.recent("a-to-b", Optional.empty(), 1000).stream()
                .filter(job -> job.object().database().equals(table.database())
                        && job.object().table().equals(table.table())).toList();
    }

    /** True while the process with this pid holds a job in COPYING. */
    private static boolean copying(long pid) throws Exception {
        try (Connection connection = pipeline.store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM replication_job"
                     + " WHERE lease_owner LIKE ? AND state = 'COPYING'")) {
            statement.setString(1, "%:" + pid + ":%");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
