package io.strait.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * One Spark job over slices of work: each slice is one Spark task, whose results come back to the driver in slice
 * order. The copy job and the file digest run this way.
 *
 * <p>The job goes straight to {@code SparkContext.runJob} with a named function object. Spark's Java API
 * ({@code mapPartitions}, {@code collect}) wraps every call in Scala lambdas, and for each such lambda Spark's
 * closure cleaner reads the class that declared it from its jar and parses it (for {@code collect}, the whole of
 * Spark's {@code RDD} class), on every job: that was a large part of the fixed cost of a small Spark copy job. A
 * named function is not a closure to the cleaner; Spark still checks that it serializes.
 */
final class SliceJob {
    private SliceJob() {
    }

    /** What a task does with its slice: runs on an executor, so it must serialize with what it holds. */
    @FunctionalInterface
    interface SliceWork<S, R> extends Serializable {
        List<R> run(List<S> slice);
    }

    /** Runs {@code work} on each of {@code slices} as one task of one Spark job; the results of all, in order. */
    static <S, R> List<R> run(JavaSparkContext context, List<ArrayList<S>> slices, SliceWork<S, R> work) {
        Objects.requireNonNull(work, "work");
        if (slices.isEmpty()) {
            return List.of();
        }
        RDD<ArrayList<S>> rdd = context.parallelize(slices, slices.size()).rdd();
        ClassTag<ArrayList<R>> resultTag = ClassTag$.MODULE$.apply(ArrayList.class);
        Object[] perSlice = (Object[]) context.sc().runJob(rdd, new PerSlice<>(work), resultTag);
        List<R> results = new ArrayList<>();
        for (Object slice : perSlice) {
            @SuppressWarnings("unchecked")
            ArrayList<R> sliceResults = (ArrayList<R>) slice;
            results.addAll(sliceResults);
        }
        return results;
    }

    /** The task function: the slices of its partition (one, as parallelized) through {@code work}. */
    private static final class PerSlice<S, R> extends AbstractFunction2<TaskContext, Iterator<ArrayList<S>>,
            ArrayList<R>> implements Serializable {
        private static final long serialVersionUID = 1L;

        private final SliceWork<S, R> work;

        PerSlice(SliceWork<S, R> work) {
            this.work = work;
        }

        @Override
        public ArrayList<R> apply(TaskContext task, Iterator<ArrayList<S>> slices) {
            ArrayList<R> results = new ArrayList<>();
            while (slices.hasNext()) {
                results.addAll(work.run(slices.next()));
            }
            return results;
        }
    }
}
