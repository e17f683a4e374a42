package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentPartitionsTest {
    private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");
    private static final Duration TWO_DAYS = Duration.ofDays(2);

    @Test
    void aPartitionWrittenWithinTheWindowIsRecentWhateverItsValues() {
        assertThat(isRecent(List.of("eu"), Map.of("transient_lastDdlTime", Long.toString(NOW.getEpochSecond() - 60))))
                .isTrue();
        assertThat(isRecent(List.of("eu"), Map.of("transient_lastDdlTime", "1000"))).isFalse();
        assertThat(isRecent(List.of("eu"), Map.of())).isFalse();
    }

    @Test
    void aDateOrHourValueNamesItsTime() {
        assertThat(isRecent(List.of("2024-06-09"), Map.of())).isTrue();
        assertThat(isRecent(List.of("2024-06-08"), Map.of())).as("ends at 06-09 00:00, 36 h ago").isTrue();
        assertThat(isRecent(List.of("2024-06-07"), Map.of())).isFalse();
        assertThat(isRecent(List.of("20240610"), Map.of())).isTrue();
        assertThat(isRecent(List.of("eu", "2024-06-10-11"), Map.of())).isTrue();
        assertThat(isRecent(List.of("2024-06-08-11"), Map.of())).isFalse();
        assertThat(isRecent(List.of("2024-06-10 11:00:00"), Map.of())).isTrue();
        assertThat(isRecent(List.of("not-a-date"), Map.of("transient_lastDdlTime", "x"))).isFalse();
    }

    private static boolean isRecent(List<String> values, Map<String, String> parameters) {
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(TableRef.of("db", "t"), values),
                "file:/x", StorageFormat.PARQUET, parameters);
        return RecentPartitions.isRecent(partition, NOW, TWO_DAYS);
    }
}
