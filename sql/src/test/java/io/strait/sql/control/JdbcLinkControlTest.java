package io.strait.sql.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.control.JdbcLinkControl.LinkState;
import io.strait.sql.testing.TestingMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcLinkControlTest {
    private static TestingMariaDb db;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aPauseIsSeenByAnotherStoreInstanceUntilResumed() {
        JdbcLinkControl operator = new JdbcLinkControl(db.dataSource());
        JdbcLinkControl process = new JdbcLinkControl(db.dataSource());
        assertThat(process.isPaused("us-to-eu")).isFalse();

        assertThat(operator.set("us-to-eu", true, "alice", "target maintenance", 1_000)).isEmpty();

        assertThat(process.isPaused("us-to-eu")).isTrue();
        assertThat(process.isPaused("other")).isFalse();
        assertThat(process.state("us-to-eu")).contains(new LinkState("us-to-eu", true, "alice", "target maintenance",
                1_000));
        assertThat(operator.set("us-to-eu", false, "bob", "done", 2_000)).map(LinkState::paused).contains(true);
        assertThat(process.isPaused("us-to-eu")).isFalse();
        assertThat(process.all()).containsOnlyKeys("us-to-eu");
        assertThat(process.all().get("us-to-eu").changedBy()).isEqualTo("bob");
    }
}
