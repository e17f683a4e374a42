package io.strait.sql.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.TableRef;
import io.strait.sql.testing.TestingMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcTableWatermarksTest {
    private static TestingMariaDb db;
    private static JdbcTableWatermarks watermarks;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        watermarks = new JdbcTableWatermarks(db.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void firstWatermarkIsStored() {
        TableRef table = TableRef.of("sales", "first");

        watermarks.recordWatermark("a-to-b", table, 10, 1_000);

        assertThat(watermarks.watermark("a-to-b", table)).contains(new TableWatermark("a-to-b", table, 10, 1_000));
        assertThat(watermarks.watermark("a-to-c", table)).isEmpty();
    }

    @Test
    void newerEventMovesTheWatermarkAndAnOlderOneDoesNot() {
        TableRef table = TableRef.of("sales", "moving");
        watermarks.recordWatermark("a-to-b", table, 10, 1_000);

        watermarks.recordWatermark("a-to-b", table, 12, 3_000);
        watermarks.recordWatermark("a-to-b", table, 11, 5_000);

        assertThat(watermarks.watermark("a-to-b", table)).contains(new TableWatermark("a-to-b", table, 12, 3_000));
    }

    @Test
    void sameEventKeepsTheLaterCommitTime() {
        TableRef table = TableRef.of("sales", "same_event");
        watermarks.recordWatermark("a-to-b", table, 10, 2_000);

        watermarks.recordWatermark("a-to-b", table, 10, 1_500);
        watermarks.recordWatermark("a-to-b", table, 10, 2_500);

        assertThat(watermarks.watermark("a-to-b", table)).contains(new TableWatermark("a-to-b", table, 10, 2_500));
    }

    @Test
    void watermarksOfALinkByTable() {
        watermarks.recordWatermark("listed", TableRef.of("b", "z"), 3, 30);
        watermarks.recordWatermark("listed", TableRef.of("a", "y"), 2, 20);
        watermarks.recordWatermark("other", TableRef.of("a", "x"), 1, 10);

        assertThat(watermarks.watermarks("listed")).containsExactly(
                new TableWatermark("listed", TableRef.of("a", "y"), 2, 20),
                new TableWatermark("listed", TableRef.of("b", "z"), 3, 30));
    }
}
