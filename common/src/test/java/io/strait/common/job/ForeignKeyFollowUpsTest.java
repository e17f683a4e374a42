package io.strait.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeyFollowUpsTest {
    private static final TableRef CUSTOMERS = TableRef.of("shop", "customers");
    private static final TableRef ORDERS = TableRef.of("shop", "orders");
    private static final TableRef RETURNS = TableRef.of("shop", "returns");

    @Test
    void eachWaitingTableIsSyncedAgainAsARepairCarryingTheNewerEventId() {
        ReplicationJob parentSync = TestJobs.job(7, JobState.COMMITTED, ObjectRef.table(CUSTOMERS));

        List<NewJob> jobs = ForeignKeyFollowUps.jobs(parentSync, List.of(
                new ForeignKeyFollowUps.Waiting(ORDERS, parentSync.sourceEventId() + 50),
                new ForeignKeyFollowUps.Waiting(RETURNS, 0),
                new ForeignKeyFollowUps.Waiting(CUSTOMERS, 0)));

        assertThat(jobs).extracting(NewJob::object).containsExactly(ObjectRef.table(ORDERS), ObjectRef.table(RETURNS));
        assertThat(jobs).extracting(NewJob::sourceEventId).as("never older than the replica: rewritten, not skipped")
                .containsExactly(parentSync.sourceEventId() + 50, parentSync.sourceEventId());
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.kind()).isEqualTo(JobKind.SYNC_TABLE);
            assertThat(job.origin()).isEqualTo(JobOrigin.REPAIR);
            assertThat(job.link()).isEqualTo(parentSync.link());
        });
    }

    @Test
    void onlyATableSyncWritingKeysLetsForeignKeysIn() {
        TableConstraint primary = constraint(TableConstraint.Kind.PRIMARY_KEY);
        TableConstraint unique = constraint(TableConstraint.Kind.UNIQUE);
        TableConstraint notNull = constraint(TableConstraint.Kind.NOT_NULL);

        assertThat(ForeignKeyFollowUps.writesKeys(List.of(notNull, primary))).isTrue();
        assertThat(ForeignKeyFollowUps.writesKeys(List.of(unique))).isTrue();
        assertThat(ForeignKeyFollowUps.writesKeys(List.of(notNull))).isFalse();
        assertThat(ForeignKeyFollowUps.writesKeys(List.of())).isFalse();
        assertThatThrownBy(() -> ForeignKeyFollowUps.jobs(TestJobs.job(7, JobState.COMMITTED,
                new ObjectRef("shop", "customers", List.of("1"))), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TableConstraint constraint(TableConstraint.Kind kind) {
        return new TableConstraint(kind, kind.name().toLowerCase(), List.of("id"), "", List.of(), "", "", 0, 0,
                false, false, false);
    }
}
