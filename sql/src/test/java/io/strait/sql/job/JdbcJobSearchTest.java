package io.strait.sql.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operators' job listing on MariaDB: by link, state and table, a rename found under both of its names. */
class JdbcJobSearchTest {
    private static TestingMariaDb db;
    private static JdbcJobStore jobs;
    private static JdbcJobSearch search;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        jobs = new JdbcJobStore(db.dataSource(), new TestingClock(1_000));
        search = new JdbcJobSearch(db.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aTableFilterFindsTheTablesJobsAndTheRenameAwayFromItNewestFirst() {
        String link = JdbcJobStoreTest.newLink();
        TableRef orders = TableRef.of("sales", "orders");
        TableRef renamed = TableRef.of("sales", "orders_v2");
        List<Long> ids = jobs.createJobs(link, 0, 4, List.of(
                new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("sales", "orders", List.of("p1")), 1, 0),
                new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("sales", "customers")), 2, 0),
                NewJob.rename(link, orders, renamed, 3, 0),
                new NewJob(link, JobKind.SYNC_PARTITION, new ObjectRef("sales", "orders_v2", List.of("p1")), 4, 0)));

        List<ReplicationJob> ofOrders = search.search(link, Optional.empty(), Optional.of(orders), 10);
        List<ReplicationJob> ofRenamed = search.search(link, Optional.empty(), Optional.of(renamed), 10);

        assertThat(ofOrders).extracting(ReplicationJob::id).containsExactly(ids.get(2), ids.get(0));
        assertThat(ofRenamed).extracting(ReplicationJob::id).containsExactly(ids.get(3), ids.get(2));
        assertThat(ofOrders.get(0).objectLabel()).isEqualTo("sales.orders_v2 (renamed from sales.orders)");
        assertThat(ofOrders.get(1).objectLabel()).isEqualTo(ofOrders.get(1).object().toString());
        assertThat(search.search(link, Optional.of(JobState.PENDING), Optional.empty(), 2))
                .extracting(ReplicationJob::id).containsExactly(ids.get(3), ids.get(2));
        assertThat(search.search(link, Optional.of(JobState.SUCCEEDED), Optional.empty(), 10)).isEmpty();
    }
}
