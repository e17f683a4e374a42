package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.StraitParameters;
import io.strait.common.publish.PublishContext;
import io.strait.common.region.RegionId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @Property
    void aReplicaOfThisSourceIsReplacedExactlyWhenItsEventIsOlder(
            @ForAll @LongRange(min = 0, max = 1_000_000) long recorded,
            @ForAll @LongRange(min = 0, max = 1_000_000) long publishing) {
        PublishContext context = new PublishContext(RegionId.of("region-a"), 1, publishing, 0);

        ReplicaOwnership ownership = ReplicaOwnership.of(parameters("region-a", Long.toString(recorded)), context);

        assertThat(ownership).isEqualTo(recorded < publishing ? ReplicaOwnership.OUTDATED : ReplicaOwnership.CURRENT);
    }

    @Property
    void aReplicaOfAnotherSourceIsAlwaysForeign(@ForAll @LongRange(min = 0) long recorded,
            @ForAll @LongRange(min = 0) long publishing) {
        PublishContext context = new PublishContext(RegionId.of("region-a"), 1, publishing, 0);

        assertThat(ReplicaOwnership.of(parameters("region-b", Long.toString(recorded)), context))
                .isEqualTo(ReplicaOwnership.FOREIGN);
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
