package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slice job on Spark in local mode: one task per slice, every result back in slice order, no job for no slices,
 * and a slice that fails fails the job with its reason.
 */
class SliceJobIT {
    private static SparkEngine engine;
    private static final List<Integer> JOBS_STARTED = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        engine = SparkEngine.start(SparkSettings.local(2), "slice-job-test");
        engine.session().sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                JOBS_STARTED.add(job.stageInfos().head().numTasks());
            }
        });
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void eachSliceRunsAsOneTaskAndItsResultsComeBackInSliceOrder() {
        List<ArrayList<String>> slices = List.of(slice("a", "b", "c"), slice("d"), slice("e", "f"));
        JOBS_STARTED.clear();

        List<String> results = SliceJob.run(engine.context(), slices,
                slice -> slice.stream().map(item -> item + "@" + TaskContext.get().partitionId()).toList());

        assertThat(results).containsExactly("a@0", "b@0", "c@0", "d@1", "e@2", "f@2");
        waitForListener();
        assertThat(JOBS_STARTED).containsExactly(3);
    }

    @Test
    void noSlicesStartNoJob() {
        JOBS_STARTED.clear();

        List<String> results = SliceJob.run(engine.context(), List.<ArrayList<String>>of(), slice -> slice);

        assertThat(results).isEmpty();
        waitForListener();
        assertThat(JOBS_STARTED).isEmpty();
    }

    @Test
    void aFailingSliceFailsTheJobWithItsReason() {
        List<ArrayList<String>> slices = List.of(slice("fine"), slice("broken"));

        assertThatThrownBy(() -> SliceJob.run(engine.context(), slices, slice -> {
            if (slice.contains("broken")) {
                throw new IllegalStateException("slice cannot be read: broken");
            }
            return slice;
        })).hasMessageContaining("slice cannot be read: broken");
    }

    private static ArrayList<String> slice(String... items) {
        return new ArrayList<>(List.of(items));
    }

    /** Spark's listener bus delivers job events on its own thread. */
    private static void waitForListener() {
        try {
            engine.session().sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Spark's listener bus did not drain in 10 s", e);
        }
    }
}
