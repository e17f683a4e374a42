package io.strait.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenameFallbackTest {
    private static final TableRef OLD = TableRef.of("db", "t");
    private static final TableRef NEW = TableRef.of("db", "u");

    @Test
    void dropsTheOldNameAndSyncsTheNewOneWithEveryPartitionAfterTheRename() {
        ReplicationJob rename = TestJobs.rename(7, JobState.COMMITTED, "db", "t", "u");
        TableSnapshot table = table(List.of(new ColumnSpec("day", "string", "")));
        List<PartitionSnapshot> partitions = List.of(partition("1"), partition("2"));

        List<NewJob> jobs = RenameFallback.jobs(rename, table, partitions);

        assertThat(jobs).extracting(NewJob::kind).containsExactly(JobKind.DROP_TABLE, JobKind.SYNC_TABLE,
                JobKind.SYNC_PARTITION, JobKind.SYNC_PARTITION);
        assertThat(jobs).extracting(NewJob::object).containsExactly(ObjectRef.table(OLD), ObjectRef.table(NEW),
                new ObjectRef("db", "u", List.of("1")), new ObjectRef("db", "u", List.of("2")));
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.origin()).isEqualTo(JobOrigin.REPAIR);
            assertThat(job.sourceEventId()).isEqualTo(rename.sourceEventId());
            assertThat(job.link()).isEqualTo(rename.link());
        });
    }

    @Test
    void onlyARenameFallsBack() {
        ReplicationJob sync = TestJobs.job(7, JobState.COMMITTED, ObjectRef.table(NEW));
        assertThatThrownBy(() -> RenameFallback.jobs(sync, table(List.of()), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TableSnapshot table(List<ColumnSpec> partitionKeys) {
        return new TableSnapshot(NEW, TableSnapshot.EXTERNAL_TABLE, "hdfs://a/u", List.of(), partitionKeys,
                StorageFormat.NONE, Map.of(), null, null);
    }

    private static PartitionSnapshot partition(String value) {
        return new PartitionSnapshot(new PartitionRef(NEW, List.of(value)), "hdfs://a/u/day=" + value,
                StorageFormat.NONE, Map.of());
    }
}
