package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
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
        ExecutorService callers = Executors.newFixedThreadPool(6);
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(callers.submit(() -> pool.call(client -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep();
                running.decrementAndGet();
                return client;
            })));
        }
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

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
