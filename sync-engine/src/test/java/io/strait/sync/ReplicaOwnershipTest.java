package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.longs;

import io.strait.common.job.JobOrigin;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.publish.PublishContext;
import io.strait.common.region.RegionId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ReplicaOwnershipTest {
    private static final PublishContext EVENT_100 = new PublishContext(RegionId.of("region-a"), 1, 100, 0);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no Strait parameters", null, null, ReplicaOwnership.FOREIGN),
                Arguments.of("another source region", "region-c", "5", ReplicaOwnership.FOREIGN),
                Arguments.of("region only, no event id", "region-a", null, ReplicaOwnership.OUTDATED),
                Arguments.of("unparseable event id", "region-a", "x", ReplicaOwnership.OUTDATED),
                Arguments.of("older event", "region-a", "99", ReplicaOwnership.OUTDATED),
                Arguments.of("same event", "region-a", "100", ReplicaOwnership.CURRENT),
                Arguments.of("newer event", "region-a", "101", ReplicaOwnership.CURRENT),
                Arguments.of("event id without region", null, "5", ReplicaOwnership.FOREIGN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesFromTheReplicasStraitParameters(String name, String region, String eventId,
            ReplicaOwnership expected) {
        assertThat(ReplicaOwnership.of(parameters(region, eventId), EVENT_100)).isEqualTo(expected);
    }

    @Test
    void aReplicaOfThisSourceIsReplacedExactlyWhenItsEventIsOlder() {
        qt().forAll(eventIds(), eventIds()).checkAssert((recorded, publishing) -> {
            PublishContext context = new PublishContext(RegionId.of("region-a"), 1, publishing, 0);

            ReplicaOwnership ownership = ReplicaOwnership.of(parameters("region-a", Long.toString(recorded)),
                    context);

            assertThat(ownership).isEqualTo(recorded < publishing ? ReplicaOwnership.OUTDATED
                    : ReplicaOwnership.CURRENT);
        });
    }

    @Test
    void aRepairOrBootstrapReplacesAReplicaOfThisSourceWhenItsEventIsNotNewer() {
        Gen<JobOrigin> convergence = arbitrary().pick(JobOrigin.REPAIR, JobOrigin.BOOTSTRAP);
        qt().forAll(eventIds(), eventIds(), convergence).checkAssert((recorded, position, origin) -> {
            PublishContext context = new PublishContext(RegionId.of("region-a"), 1, position, 0, origin);

            ReplicaOwnership ownership = ReplicaOwnership.of(parameters("region-a", Long.toString(recorded)),
                    context);

            assertThat(ownership).isEqualTo(recorded <= position ? ReplicaOwnership.OUTDATED
                    : ReplicaOwnership.CURRENT);
        });
    }

    @Test
    void anEventJobAfterARepairAtTheSamePositionChangesNothing() {
        Map<String, String> repaired = parameters("region-a", "100");

        assertThat(ReplicaOwnership.of(repaired, new PublishContext(RegionId.of("region-a"), 2, 100, 0,
                JobOrigin.REPAIR))).isEqualTo(ReplicaOwnership.OUTDATED);
        assertThat(ReplicaOwnership.of(repaired, EVENT_100)).isEqualTo(ReplicaOwnership.CURRENT);
        assertThat(ReplicaOwnership.of(parameters(null, "100"), new PublishContext(RegionId.of("region-a"), 2, 100, 0,
                JobOrigin.REPAIR))).isEqualTo(ReplicaOwnership.FOREIGN);
    }

    @Test
    void aReplicaOfAnotherSourceIsAlwaysForeign() {
        Gen<Long> anyEventId = longs().between(0, Long.MAX_VALUE).mix(arbitrary().pick(0L, 1L, Long.MAX_VALUE), 10);
        qt().forAll(anyEventId, anyEventId).checkAssert((recorded, publishing) -> {
            PublishContext context = new PublishContext(RegionId.of("region-a"), 1, publishing, 0);

            assertThat(ReplicaOwnership.of(parameters("region-b", Long.toString(recorded)), context))
                    .isEqualTo(ReplicaOwnership.FOREIGN);
        });
    }

    /** Event ids 0 to 1,000,000; some from a tiny range and the edges so that both sides are often equal. */
    private static Gen<Long> eventIds() {
        return Generate.frequency(List.of(
                Pair.of(3, longs().between(0, 1_000_000)),
                Pair.of(1, longs().between(0, 3)),
                Pair.of(1, arbitrary().pick(0L, 999_999L, 1_000_000L))));
    }

    private static Map<String, String> parameters(String region, String eventId) {
        Map<String, String> parameters = new HashMap<>();
        if (region != null) {
            parameters.put(StraitParameters.SOURCE_REGION, region);
        }
        if (eventId != null) {
            parameters.put(StraitParameters.SOURCE_EVENT_ID, eventId);
        }
        return parameters;
    }
}
