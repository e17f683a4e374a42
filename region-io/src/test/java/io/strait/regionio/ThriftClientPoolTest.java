package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

class ThriftClientPoolTest {
    /** Clients that only count how often they were closed. */
    private final List<AtomicInteger> closes = new ArrayList<>();

    private synchronized IMetaStoreClient newClient() {
        AtomicInteger closed = new AtomicInteger();
        closes.add(closed);
        return (IMetaStoreClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IMetaStoreClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                    }
                    return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null;
                });
    }

    @Test
    void aClientIsReusedAfterAnAnswerFromTheMetastore() throws Exception {
        ThriftClientPool pool = new ThriftClientPool("test", this::newClient, 2);
        IMetaStoreClient first = pool.call(client -> client);

        assertThatThrownBy(() -> pool.call(client -> {
            throw new NoSuchObjectException("absent");
        })).isInstanceOf(NoSuchObjectException.class);

        assertThat((Object) pool.call(client -> client)).isSameAs(first);
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0)).hasValue(0);
    }

    @Test
    void aClientIsDiscardedAfterATransportFailure() throws Exception {
        ThriftClientPool pool = new ThriftClientPool("test", this::newClient, 2);
        IMetaStoreClient first = pool.call(client -> client);

        assertThatThrownBy(() -> pool.call(client -> {
            throw new TTransportException("socket timeout");
        })).isInstanceOf(TTransportException.class);

        assertThat(closes.get(0)).hasValue(1);
        assertThat((Object) pool.call(client -> client)).isNotSameAs(first);
        assertThat(closes).hasSize(2);
    }

    @Test
    void noMoreThanMaxClientsCallsRunAtOnce() throws Exception {
        ThriftClientPool pool = new ThriftClientPool("test", this::newClient, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch twoInside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(callers.submit(() -> pool.call(client -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                twoInside.countDown();
                awaitUninterruptibly(release);
                running.decrementAndGet();
                return client;
            })));
        }

        assertThat(twoInside.await(10, TimeUnit.SECONDS)).as("two calls got a client").isTrue();
        waitUntil(() -> pool.callersWaiting() == 4, "the four other callers wait for a client");
        assertThat(running.get()).as("calls holding a client while four wait").isEqualTo(2);
        release.countDown();
        for (Future<Object> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        callers.shutdown();

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(closes).hasSize(2);
        pool.close();
        assertThat(closes).allSatisfy(closed -> assertThat(closed).hasValue(1));
    }

    @Test
    void aClosedPoolRefusesCalls() throws Exception {
        ThriftClientPool pool = new ThriftClientPool("test", this::newClient, 1);
        pool.close();

        assertThatThrownBy(() -> pool.call(client -> client)).hasMessageContaining("closed");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits (spinning, yielding) for a condition other threads make true; fails after 10 s. */
    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }
}
