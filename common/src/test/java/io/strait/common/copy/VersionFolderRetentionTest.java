package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.VersionFolderRetention.Facts;
import io.strait.common.copy.VersionFolderRetention.JobFact;
import io.strait.common.copy.VersionFolderRetention.Verdict;
import io.strait.common.job.JobState;
import io.strait.common.region.RegionId;
import io.strait.common.region.RegionLocation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which version folders housekeeping deletes: one row per rule, with the delay of one hour. */
class VersionFolderRetentionTest {
    private static final RegionId B = RegionId.of("b");
    private static final RegionId A = RegionId.of("a");
    private static final String PARTITION = "file:/lake-b/sales.db/orders/ds=1";
    private static final List<RegionLocation> ROOTS = List.of(new RegionLocation(B, "file:/lake-b"));
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long NOW = 100 * HOUR;

    private static RegionLocation folder(String name) {
        return new RegionLocation(B, PARTITION + "/" + name);
    }

    private static JobFact succeeded(long id, String name, long committedAt) {
        return new JobFact(id, JobState.SUCCEEDED, PARTITION + "/" + name, committedAt, committedAt);
    }

    private static Set<RegionLocation> live(String name) {
        return Set.of(folder(name));
    }

    static Stream<Arguments> rows() {
        List<JobFact> replaced = List.of(succeeded(5, "_strait_v5_1", NOW - 10 * HOUR),
                succeeded(9, "_strait_v9_1", NOW - 2 * HOUR));
        return Stream.of(
                Arguments.of("replaced more than the delay ago", folder("_strait_v5_1"),
                        new Facts(replaced, live("_strait_v9_1"), ROOTS), Verdict.DELETE),
                Arguments.of("replaced less than the delay ago", folder("_strait_v5_1"),
                        new Facts(List.of(succeeded(5, "_strait_v5_1", NOW - 10 * HOUR),
                                succeeded(9, "_strait_v9_1", NOW - HOUR / 2)), live("_strait_v9_1"), ROOTS),
                        Verdict.KEEP_TOO_RECENT),
                Arguments.of("the live version", folder("_strait_v9_1"),
                        new Facts(replaced, live("_strait_v9_1"), ROOTS), Verdict.KEEP_LIVE),
                Arguments.of("live although its job says otherwise (never trust the store over the metastore)",
                        folder("_strait_v5_1"), new Facts(replaced, live("_strait_v5_1"), ROOTS), Verdict.KEEP_LIVE),
                Arguments.of("live in region b, the same path string live in region a does not count",
                        folder("_strait_v5_1"), new Facts(replaced, Set.of(new RegionLocation(A,
                                PARTITION + "/_strait_v5_1")), ROOTS), Verdict.DELETE),
                Arguments.of("failed attempt of a job that later succeeded", folder("_strait_v9_1"),
                        new Facts(List.of(succeeded(9, "_strait_v9_2", NOW - 3 * HOUR)), live("_strait_v9_2"), ROOTS),
                        Verdict.DELETE),
                Arguments.of("job FAILED two hours ago", folder("_strait_v11_3"),
                        new Facts(List.of(succeeded(9, "_strait_v9_1", NOW - 5 * HOUR),
                                new JobFact(11, JobState.FAILED, PARTITION + "/_strait_v11_3", 0, NOW - 2 * HOUR)),
                                live("_strait_v9_1"), ROOTS), Verdict.DELETE),
                Arguments.of("job FAILED ten minutes ago", folder("_strait_v11_3"),
                        new Facts(List.of(new JobFact(11, JobState.FAILED, PARTITION + "/_strait_v11_3", 0,
                                NOW - HOUR / 6)), Set.of(), ROOTS), Verdict.KEEP_TOO_RECENT),
                Arguments.of("a job of the object is copying", folder("_strait_v5_1"),
                        new Facts(List.of(succeeded(5, "_strait_v5_1", NOW - 10 * HOUR), succeeded(9, "_strait_v9_1",
                                NOW - 5 * HOUR), new JobFact(12, JobState.COPYING, PARTITION + "/_strait_v12_1", 0,
                                NOW)), live("_strait_v9_1"), ROOTS), Verdict.KEEP_IN_FLIGHT),
                Arguments.of("a job of the object waits to retry", folder("_strait_v12_1"),
                        new Facts(List.of(new JobFact(12, JobState.RETRY_WAIT, PARTITION + "/_strait_v12_1", 0,
                                NOW - 5 * HOUR)), Set.of(), ROOTS), Verdict.KEEP_IN_FLIGHT),
                Arguments.of("written after the facts were read (no job known, nothing after it)",
                        folder("_strait_v20_1"), new Facts(replaced, live("_strait_v9_1"), ROOTS),
                        Verdict.KEEP_UNEXPLAINED),
                Arguments.of("its job was deleted by retention, a later job replaced it long ago",
                        folder("_strait_v3_1"), new Facts(replaced, live("_strait_v9_1"), ROOTS), Verdict.DELETE),
                Arguments.of("published, not live, nothing after it (changed outside Strait)", folder("_strait_v9_1"),
                        new Facts(replaced, Set.of(), ROOTS), Verdict.KEEP_UNEXPLAINED),
                Arguments.of("dropped by a later DROP job two hours ago", folder("_strait_v9_1"),
                        new Facts(List.of(succeeded(9, "_strait_v9_1", NOW - 9 * HOUR),
                                new JobFact(14, JobState.SUCCEEDED, "", NOW - 2 * HOUR, NOW - 2 * HOUR)), Set.of(),
                                ROOTS), Verdict.DELETE),
                Arguments.of("name with extra characters", folder("_strait_v5_1.bak"),
                        new Facts(replaced, Set.of(), ROOTS), Verdict.KEEP_FOREIGN),
                Arguments.of("name without attempt", folder("_strait_v5"),
                        new Facts(replaced, Set.of(), ROOTS), Verdict.KEEP_FOREIGN),
                Arguments.of("a user's folder", folder("backup"), new Facts(replaced, Set.of(), ROOTS),
                        Verdict.KEEP_FOREIGN),
                Arguments.of("outside every mapped root", new RegionLocation(B, "file:/elsewhere/t/_strait_v5_1"),
                        new Facts(replaced, Set.of(), ROOTS), Verdict.KEEP_FOREIGN),
                Arguments.of("under a root of another region only", folder("_strait_v5_1"),
                        new Facts(replaced, Set.of(), List.of(new RegionLocation(A, "file:/lake-b"))),
                        Verdict.KEEP_FOREIGN),
                Arguments.of("a sibling whose name only starts like the root", new RegionLocation(B,
                        "file:/lake-b2/t/_strait_v5_1"), new Facts(replaced, Set.of(), ROOTS), Verdict.KEEP_FOREIGN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String rule, RegionLocation folder, Facts facts, Verdict expected) {
        VersionFolderRetention.Decision decision = VersionFolderRetention.decide(folder, facts, NOW,
                Duration.ofHours(1));

        assertThat(decision.verdict()).as(decision.reason()).isEqualTo(expected);
        assertThat(decision.delete()).isEqualTo(expected == Verdict.DELETE);
    }
}
