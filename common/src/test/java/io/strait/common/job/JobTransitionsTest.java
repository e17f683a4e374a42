package io.strait.common.job;

import static io.strait.common.job.JobState.BLOCKED;
import static io.strait.common.job.JobState.CANCELLED;
import static io.strait.common.job.JobState.COMMITTED;
import static io.strait.common.job.JobState.COPIED;
import static io.strait.common.job.JobState.COPYING;
import static io.strait.common.job.JobState.FAILED;
import static io.strait.common.job.JobState.PENDING;
import static io.strait.common.job.JobState.PLANNED;
import static io.strait.common.job.JobState.RETRY_WAIT;
import static io.strait.common.job.JobState.SUCCEEDED;
import static io.strait.common.job.JobState.SUPERSEDED;
import static io.strait.common.job.JobState.UNVERIFIABLE;
import static io.strait.common.job.JobState.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/** The job state machine against the table written in {@link JobTransitions}' javadoc, spelled out here again. */
class JobTransitionsTest {
    private static final Map<JobState, Set<JobState>> EXPECTED = expectedTable();

    private static Map<JobState, Set<JobState>> expectedTable() {
        Map<JobState, Set<JobState>> table = new EnumMap<>(JobState.class);
        table.put(PENDING, EnumSet.of(PLANNED, SUPERSEDED, BLOCKED, CANCELLED, FAILED));
        table.put(PLANNED, EnumSet.of(COPYING, COMMITTED, SUPERSEDED, BLOCKED, RETRY_WAIT, FAILED, CANCELLED));
        table.put(COPYING, EnumSet.of(COPIED, RETRY_WAIT, FAILED, CANCELLED));
        table.put(COPIED, EnumSet.of(VERIFIED, UNVERIFIABLE, RETRY_WAIT, FAILED));
        table.put(VERIFIED, EnumSet.of(COMMITTED, SUPERSEDED, RETRY_WAIT, FAILED));
        table.put(COMMITTED, EnumSet.of(SUCCEEDED));
        table.put(RETRY_WAIT, EnumSet.of(PENDING, SUPERSEDED, FAILED, CANCELLED));
        table.put(BLOCKED, EnumSet.of(PENDING, CANCELLED));
        table.put(FAILED, EnumSet.of(PENDING, CANCELLED));
        table.put(UNVERIFIABLE, EnumSet.of(PENDING, CANCELLED));
        for (JobState terminal : EnumSet.of(SUCCEEDED, SUPERSEDED, CANCELLED)) {
            table.put(terminal, EnumSet.noneOf(JobState.class));
        }
        return table;
    }

    static Stream<Arguments> everyPair() {
        return Arrays.stream(JobState.values())
                .flatMap(from -> Arrays.stream(JobState.values()).map(to -> Arguments.of(from, to)));
    }

    @Test
    void expectedTableCoversEveryState() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(JobState.values());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void everyPairMatchesTheTable(JobState from, JobState to) {
        assertThat(JobTransitions.isAllowed(from, to))
                .as("%s -> %s", from, to)
                .isEqualTo(EXPECTED.get(from).contains(to));
    }

    @ParameterizedTest
    @EnumSource(JobState.class)
    void nextIsTheRowOfTheTable(JobState from) {
        assertThat(JobTransitions.next(from)).containsExactlyInAnyOrderElementsOf(EXPECTED.get(from));
    }

    @Test
    void terminalStatesAreExactlyTheThreeDocumentedOnes() {
        Set<JobState> terminal = Arrays.stream(JobState.values()).filter(JobState::isTerminal)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(JobState.class)));
        assertThat(terminal).containsExactlyInAnyOrder(SUCCEEDED, SUPERSEDED, CANCELLED);
    }

    @Test
    void settledStatesAreTheTerminalOnesAndTheOnesAnOperatorResolves() {
        Set<JobState> settled = Arrays.stream(JobState.values()).filter(JobState::isSettled)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(JobState.class)));
        assertThat(settled).containsExactlyInAnyOrder(SUCCEEDED, FAILED, SUPERSEDED, CANCELLED, UNVERIFIABLE, BLOCKED);
        assertThat(BLOCKED.isTerminal()).as("an operator may still release or cancel a blocked job").isFalse();
        assertThat(FAILED.isTerminal()).as("an operator may still retry or cancel a failed job").isFalse();
        assertThat(UNVERIFIABLE.isTerminal()).as("an operator may still retry or cancel it").isFalse();
    }

    @Test
    void anOperatorMayRetryOrCancelAFailedOrUnverifiableJobButNeverAFinishedOne() {
        assertThat(JobTransitions.next(FAILED)).containsExactlyInAnyOrder(PENDING, CANCELLED);
        assertThat(JobTransitions.next(UNVERIFIABLE)).containsExactlyInAnyOrder(PENDING, CANCELLED);
        assertThat(JobTransitions.isAllowed(SUCCEEDED, CANCELLED)).isFalse();
        assertThat(JobTransitions.isAllowed(CANCELLED, PENDING)).isFalse();
        assertThat(JobTransitions.isAllowed(SUPERSEDED, PENDING)).isFalse();
    }

    @Test
    void aClaimedJobWhoseObjectCannotBeReplicatedIsBlockedAndAnOperatorMayReleaseIt() {
        assertThat(JobTransitions.isAllowed(PLANNED, BLOCKED)).isTrue();
        assertThat(JobTransitions.next(BLOCKED)).containsExactlyInAnyOrder(PENDING, CANCELLED);
        assertThat(predecessors(BLOCKED)).containsExactlyInAnyOrder(PENDING, PLANNED);
        assertThat(reachable(BLOCKED, EnumSet.of(PENDING))).doesNotContain(COPYING, COMMITTED, SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(JobState.class)
    void terminalStatesHaveNoExitsAndOthersHaveSome(JobState state) {
        assertThat(JobTransitions.next(state).isEmpty()).as(state.name()).isEqualTo(state.isTerminal());
    }

    @Test
    void nothingLeadsBackIntoAStateWithoutPassingThroughTheTable() {
        assertThat(predecessors(PENDING)).containsExactlyInAnyOrder(RETRY_WAIT, BLOCKED, FAILED, UNVERIFIABLE);
        assertThat(predecessors(SUCCEEDED)).containsExactly(COMMITTED);
        assertThat(predecessors(UNVERIFIABLE)).containsExactly(COPIED);
    }

    @Test
    void succeededIsReachedFromPendingOnlyThroughPlannedAndCommitted() {
        assertThat(reachable(PENDING, EnumSet.noneOf(JobState.class))).contains(SUCCEEDED);
        assertThat(reachable(PENDING, EnumSet.of(PLANNED))).doesNotContain(SUCCEEDED);
        assertThat(reachable(PENDING, EnumSet.of(COMMITTED))).doesNotContain(SUCCEEDED);
    }

    @Test
    void metadataOnlyJobsGoFromPlannedStraightToCommitted() {
        assertThat(JobTransitions.isAllowed(PLANNED, COMMITTED)).isTrue();
        assertThat(JobTransitions.isAllowed(PLANNED, VERIFIED)).isFalse();
    }

    @Test
    void withinOneAttemptACopyIsNeverCommittedBeforeItIsVerified() {
        // a new attempt starts in PENDING (after RETRY_WAIT, or an operator's retry of a FAILED/UNVERIFIABLE job)
        assertThat(reachable(COPYING, EnumSet.of(VERIFIED, PENDING))).doesNotContain(COMMITTED, SUCCEEDED);
    }

    @Test
    void everyStateCanReachATerminalState() {
        qt().forAll(states()).checkAssert(state ->
                assertThat(reachable(state, EnumSet.noneOf(JobState.class))).anyMatch(JobState::isTerminal));
    }

    @Test
    void everyNonTerminalStateCanFailOrBeCancelled() {
        qt().forAll(states()).checkAssert(state -> {
            if (!state.isTerminal() && state != COMMITTED) {
                assertThat(reachable(state, EnumSet.noneOf(JobState.class))).contains(FAILED, CANCELLED);
            }
        });
    }

    /** 3000 draws over the 169 pairs: every pair is drawn, except with a chance of about 1 in 300,000. */
    @Test
    void checkAgreesWithIsAllowed() {
        qt().withExamples(3000).forAll(states(), states()).checkAssert((from, to) -> {
            if (JobTransitions.isAllowed(from, to)) {
                assertThatCode(() -> JobTransitions.check(7, from, to)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> JobTransitions.check(7, from, to))
                        .isInstanceOf(IllegalJobTransitionException.class);
            }
        });
    }

    private static Gen<JobState> states() {
        return arbitrary().enumValues(JobState.class);
    }

    @Test
    void checkNamesJobFromAndTo() {
        assertThatThrownBy(() -> JobTransitions.check(4711, SUCCEEDED, PENDING))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining("4711")
                .hasMessageContaining("SUCCEEDED")
                .hasMessageContaining("PENDING")
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.INTERNAL));
    }

    @Test
    void checkMessageListsTheAllowedMoves() {
        assertThatThrownBy(() -> JobTransitions.check(12, COMMITTED, FAILED))
                .hasMessage("Job 12 cannot transition from COMMITTED to FAILED (allowed: [SUCCEEDED])");
    }

    @Test
    void nextCannotBeUsedToChangeTheTable() {
        assertThatThrownBy(() -> JobTransitions.next(PENDING).add(SUCCEEDED))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(JobTransitions.isAllowed(PENDING, SUCCEEDED)).isFalse();
    }

    /** States reachable from {@code start} (inclusive) by any walk that never enters {@code avoided}. */
    private static Set<JobState> reachable(JobState start, Set<JobState> avoided) {
        Set<JobState> seen = EnumSet.of(start);
        Deque<JobState> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            for (JobState next : JobTransitions.next(queue.poll())) {
                if (!avoided.contains(next) && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    private static Set<JobState> predecessors(JobState target) {
        return Arrays.stream(JobState.values()).filter(from -> JobTransitions.isAllowed(from, target))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(JobState.class)));
    }

    @Test
    void aChainIsAcceptedOnlyWhenEachMoveIsAllowedAndFollowsOn() {
        JobTransitionRequest committed = new JobTransitionRequest(9, VERIFIED, 4, COMMITTED, "published", null, null,
                1_000);
        JobTransitionRequest succeeded = committed.then(SUCCEEDED, "done");
        assertThat(succeeded).isEqualTo(new JobTransitionRequest(9, COMMITTED, 5, SUCCEEDED, "done", null, null, 0));
        assertThatCode(() -> JobTransitions.checkChain(java.util.List.of(committed, succeeded)))
                .doesNotThrowAnyException();

        Object[][] refused = {
            {java.util.List.of(), "at least one move"},
            {java.util.List.of(committed, new JobTransitionRequest(9, COMMITTED, 4, SUCCEEDED, "", null, null, 0)),
                "does not follow"},
            {java.util.List.of(committed, new JobTransitionRequest(8, COMMITTED, 5, SUCCEEDED, "", null, null, 0)),
                "does not follow"},
            {java.util.List.of(committed, new JobTransitionRequest(9, VERIFIED, 5, COMMITTED, "", null, null, 0)),
                "does not follow"},
            {java.util.List.of(committed, committed.then(PENDING, "back")), "COMMITTED"},
        };
        for (Object[] row : refused) {
            @SuppressWarnings("unchecked")
            java.util.List<JobTransitionRequest> chain = (java.util.List<JobTransitionRequest>) row[0];
            assertThatThrownBy(() -> JobTransitions.checkChain(chain)).as("chain %s", chain)
                    .hasMessageContaining((String) row[1]);
        }
    }
}
