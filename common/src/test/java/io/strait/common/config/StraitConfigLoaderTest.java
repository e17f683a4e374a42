package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig.CopyConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.config.StraitConfig.SchedulerConfig;
import io.strait.common.config.StraitConfig.StoreConfig;
import io.strait.common.error.ErrorCategory;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StraitConfigLoaderTest {
    private static final String FILE = "conf/strait.yaml";
    private static final RegionId US = RegionId.of("us-east");
    private static final RegionId EU = RegionId.of("eu-west");

    private static final String FULL = """
            store:
              jdbc-url: "jdbc:mysql://state-db.internal:3306/strait"
              user: strait
              password: s3cret
              pool-size: 16
            regions:
              us-east:
                metastore-uri: thrift://hms-us-east:9083
                jurisdiction: us
                roots:
                  warehouse: hdfs://nn-us-east:8020/warehouse/external
                  raw: hdfs://nn-us-east:8020/data/raw
                hadoop:
                  dfs.client.use.datanode.hostname: "true"
              eu-west:
                metastore-uri: thrift://hms-eu-west:9083
                jurisdiction: eu
                roots:
                  warehouse: hdfs://nn-eu-west:8020/warehouse/external
                  raw: hdfs://nn-eu-west:8020/data/raw
            links:
              - name: us-to-eu
                source: us-east
                target: eu-west
                include: ["sales.*", "marketing.events_*"]
                exclude: ["sales.tmp_*"]
              - name: eu-to-us
                source: eu-west
                target: us-east
                include: finance.*
            scheduler:
              cycle-interval: 500ms
              event-batch-size: 250
              job-workers: 8
              max-attempts: 5
              retry-backoff: 2m
            copy:
              parallelism: 16
              task-target-bytes: 256MB
              task-max-files: 50
            """;

    /** The smallest valid file: every optional key left out. */
    private static final String MINIMAL = """
            store:
              jdbc-url: jdbc:mysql://localhost:3306/strait
            regions:
              a:
                metastore-uri: thrift://hms-a:9083
                roots: {warehouse: "file:/data/a"}
              b:
                metastore-uri: thrift://hms-b:9083
                roots: {warehouse: "file:/data/b"}
            links:
              - {name: a-to-b, source: a, target: b}
            """;

    private final StraitConfigLoader loader = new StraitConfigLoader();

    @Test
    void aFullFileParsesToTypedValues() {
        StraitConfig config = loader.parse(FULL, FILE);

        assertThat(config.store()).isEqualTo(
                new StoreConfig("jdbc:mysql://state-db.internal:3306/strait", "strait", "s3cret", 16));
        assertThat(config.regions()).containsOnlyKeys(US, EU);
        assertThat(config.region(US)).isEqualTo(new RegionConfig(US, "thrift://hms-us-east:9083",
                Map.of("warehouse", "hdfs://nn-us-east:8020/warehouse/external",
                        "raw", "hdfs://nn-us-east:8020/data/raw"),
                "us", Map.of("dfs.client.use.datanode.hostname", "true")));
        assertThat(config.region(EU).hadoop()).isEmpty();
        assertThat(config.links()).containsExactly(
                new LinkConfig("us-to-eu", US, EU, List.of("sales.*", "marketing.events_*"), List.of("sales.tmp_*")),
                new LinkConfig("eu-to-us", EU, US, List.of("finance.*"), List.of()));
        assertThat(config.scheduler()).isEqualTo(
                new SchedulerConfig(Duration.ofMillis(500), 250, 8, 5, Duration.ofMinutes(2)));
        assertThat(config.copy()).isEqualTo(new CopyConfig(16, new DataSize(256L * 1024 * 1024), 50));
    }

    @Test
    void linksAndRegionsCanBeLookedUp() {
        StraitConfig config = loader.parse(FULL, FILE);
        assertThat(config.link("eu-to-us")).map(LinkConfig::source).contains(EU);
        assertThat(config.link("nope")).isEmpty();
        assertThat(config.link("us-to-eu").orElseThrow().tableFilter().includesTable("sales", "orders")).isTrue();
        assertThatThrownBy(() -> config.region(RegionId.of("ap-south"))).hasMessageContaining("ap-south");
    }

    @Test
    void theDefaultsOfEveryOptionalKeyArePinned() {
        StraitConfig config = loader.parse(MINIMAL, FILE);

        assertThat(config.store().user()).isEqualTo("root");
        assertThat(config.store().password()).isEqualTo("");
        assertThat(config.store().poolSize()).isEqualTo(8);
        assertThat(config.region(RegionId.of("a")).jurisdiction()).isEqualTo("");
        assertThat(config.region(RegionId.of("a")).hadoop()).isEmpty();
        assertThat(config.links().get(0).include()).containsExactly("*.*");
        assertThat(config.links().get(0).exclude()).isEmpty();
        assertThat(config.links().get(0).sla()).isEqualTo(Duration.ofHours(4));
        assertThat(config.links().get(0).bandwidth()).isEmpty();
        assertThat(config.scheduler().cycleInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.scheduler().eventBatchSize()).isEqualTo(1000);
        assertThat(config.scheduler().jobWorkers()).isEqualTo(4);
        assertThat(config.scheduler().maxAttempts()).isEqualTo(3);
        assertThat(config.scheduler().retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.copy().parallelism()).isEqualTo(4);
        assertThat(config.copy().taskTargetBytes().bytes()).isEqualTo(134_217_728L);
        assertThat(config.copy().taskMaxFiles()).isEqualTo(200);
        assertThat(config.reconcile().hiddenPrefixes()).containsExactly("_", ".");
    }

    @Test
    void reconcileHiddenPrefixesAreConfigurableAndChecked() {
        StraitConfig config = loader.parse(MINIMAL + "reconcile: {hidden-prefixes: [\"_\", \".\", \"tmp-\"]}\n", FILE);
        assertThat(config.reconcile().hiddenPrefixes()).containsExactly("_", ".", "tmp-");
        assertThat(loader.parse(MINIMAL + "reconcile: {hidden-prefixes: []}\n", FILE).reconcile().hiddenPrefixes())
                .isEmpty();

        ConfigException error = (ConfigException) catchConfigException(
                MINIMAL + "reconcile: {hidden-prefixes: [\"a/b\"], depth: bytes}\n");
        assertThat(error.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("reconcile.hidden-prefixes", "reconcile.depth");
    }

    @Test
    void aLinkHasAnSlaAndABandwidthBudget() {
        StraitConfig config = loader.parse(MINIMAL.replace("{name: a-to-b, source: a, target: b}",
                "{name: a-to-b, source: a, target: b, sla: 15m, bandwidth: 20MB}"), FILE);
        assertThat(config.links().get(0).sla()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.links().get(0).bandwidth()).contains(new DataSize(20L << 20));

        ConfigException error = (ConfigException) catchConfigException(MINIMAL.replace(
                "{name: a-to-b, source: a, target: b}", "{name: a-to-b, source: a, target: b, sla: 0s, bandwidth: fast}"));
        assertThat(error.problems()).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("links[0].sla", "links[0].bandwidth");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        StraitConfig config = loader.parse(FULL, FILE);
        assertThat(config.store().toString()).doesNotContain("s3cret").contains("state-db.internal");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void aBrokenFileReportsEveryProblemAtOnceWithFileAndField() {
        String broken = """
                store:
                  jdbc-url: jdbc:mysql://localhost:3306/strait
                regions:
                  a:
                    metastore-uri: http://hms-a:9083
                    roots: {warehouse: "file:/data/a"}
                  b:
                    roots: {warehouse: "file:/data/b"}
                links:
                  - {name: to-c, source: a, target: c}
                  - {name: loop, source: a, target: a}
                  - {name: loop, source: a, target: b, include: ["sales/orders"]}
                scheduler:
                  cycle-intervall: 5s
                  retry-backoff: 5 parsecs
                copy:
                  task-target-bytes: 1.5GB
                """;
        ConfigException error = (ConfigException) catchConfigException(broken);

        assertThat(error.problems()).extracting(ConfigProblem::field).containsExactlyInAnyOrder(
                "regions.a.metastore-uri",   // not thrift://
                "regions.b.metastore-uri",   // missing required key
                "links[0].target",           // an undeclared region
                "links[1].target",           // source == target
                "links[2].name",             // a duplicate link name
                "links[2].include",          // a bad pattern
                "scheduler.cycle-intervall", // an unknown key
                "scheduler.retry-backoff",   // a bad duration
                "copy.task-target-bytes");   // a bad data size
        assertThat(error.problems()).allSatisfy(problem -> assertThat(problem.file()).isEqualTo(FILE));
        assertThat(error.category()).isEqualTo(ErrorCategory.USER_ERROR);
        assertThat(error.getMessage()).contains("9 problem(s)");
        error.problems().forEach(problem ->
                assertThat(error.getMessage()).contains(FILE + ": " + problem.field() + ": "));
    }

    @Test
    void eachProblemSaysWhatIsWrong() {
        String broken = """
                store: {jdbc-url: "jdbc:postgresql://db/strait"}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {warehouse: "/data/a"}}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {warehouse: "file:/data/b"}}
                links:
                  - {name: a-to-b, source: a, target: b, exclude: ["*"]}
                scheduler: {job-workers: lots, max-attempts: 0, cycle-interval: 0s}
                copy: {parallelism: 4, task-target-bytes: 0}
                """;
        ConfigException error = (ConfigException) catchConfigException(broken);
        assertThat(error.problems()).extracting(problem -> problem.field() + " " + problem.message())
                .containsExactlyInAnyOrder(
                        "store.jdbc-url 'jdbc:postgresql://db/strait' cannot be used: it must start with jdbc:mysql://",
                        "regions.a.roots.warehouse '/data/a' is not a URI with a scheme",
                        "links[0].exclude '*' is not a <database>.<table> pattern (letters, digits, _ and * only)",
                        "scheduler.job-workers 'lots' is not a whole number",
                        "scheduler.max-attempts is 0, outside 1..100",
                        "scheduler.cycle-interval must be positive",
                        "copy.task-target-bytes must be positive");
        assertThat(error.problems()).allSatisfy(problem -> assertThat(problem.fix()).isNotBlank());
    }

    @Test
    void missingSectionsAreReportedTogether() {
        ConfigException error = (ConfigException) catchConfigException("scheduler: {job-workers: 2}\n");
        assertThat(error.problems()).extracting(ConfigProblem::field).contains("store", "regions", "links");
        assertThat(error.problems()).allSatisfy(problem -> assertThat(problem.message()).containsAnyOf("missing",
                "required"));
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        String broken = "store:\n  jdbc-url: jdbc:mysql://h/s\n regions: [\n";
        ConfigException error = (ConfigException) catchConfigException(broken);
        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(FILE);
            assertThat(problem.field()).isEqualTo("(syntax)");
            assertThat(problem.message()).contains("line 3");
        });
    }

    @Test
    void anEmptyFileIsAProblem() {
        ConfigException error = (ConfigException) catchConfigException("");
        assertThat(error.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("empty"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path directory) {
        Path missing = directory.resolve("missing.yaml");
        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOfSatisfying(ConfigException.class, error ->
                        assertThat(error.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.file()).isEqualTo(missing.toString());
                            assertThat(problem.fix()).contains("--config");
                        }));
    }

    @Test
    void aFileIsLoadedFromDisk(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("strait.yaml"), FULL);
        assertThat(loader.load(file)).isEqualTo(loader.parse(FULL, file.toString()));
    }

    private Throwable catchConfigException(String yaml) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> loader.parse(yaml, FILE));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        return thrown;
    }
}
