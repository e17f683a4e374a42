package io.strait.regionio;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.thrift.TBase;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of metastore clients: a {@code HiveMetaStoreClient} is not thread-safe, so each call borrows a
 * client for itself. At most {@code maxClients} calls run at once; further callers wait. A client whose call failed
 * with anything but an answer from the metastore (a transport error, a timeout, a runtime failure) may hold a
 * broken connection and is closed instead of being returned; the next call opens a fresh one.
 */
final class ThriftClientPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThriftClientPool.class);

    /** Opens a new connected client. */
    interface ClientFactory {
        IMetaStoreClient open() throws TException;
    }

    /** One metastore call made with a borrowed client. */
    interface ClientCall<T> {
        T call(IMetaStoreClient client) throws TException;
    }

    private final String name;
    private final ClientFactory factory;
    private final Semaphore permits;
    private final Deque<IMetaStoreClient> idle = new ArrayDeque<>();
    private boolean closed;

    ThriftClientPool(String name, ClientFactory factory, int maxClients) {
        this.name = name;
        this.factory = factory;
        this.permits = new Semaphore(maxClients, true);
    }

    /** Opens one client now and keeps it, so that an unreachable metastore fails at once. */
    void warmUp() throws TException {
        IMetaStoreClient client = factory.open();
        release(client, true);
    }

    <T> T call(ClientCall<T> call) throws TException {
        permits.acquireUninterruptibly();
        IMetaStoreClient client = null;
        boolean reusable = false;
        try {
            client = borrow();
            T result = call.call(client);
            reusable = true;
            return result;
        } catch (TException e) {
            reusable = e instanceof TBase;
            throw e;
        } finally {
            release(client, reusable);
            permits.release();
        }
    }

    /** Callers waiting for a client now (an estimate, as {@link Semaphore#getQueueLength()}); for tests. */
    int callersWaiting() {
        return permits.getQueueLength();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(IMetaStoreClient::close);
        idle.clear();
    }

    private IMetaStoreClient borrow() throws TException {
        synchronized (this) {
            if (closed) {
                throw new TException("the metastore gateway " + name + " is closed");
            }
            IMetaStoreClient client = idle.pollFirst();
            if (client != null) {
                return client;
            }
        }
        return factory.open();
    }

    private void release(IMetaStoreClient client, boolean reusable) {
        if (client == null) {
            return;
        }
        synchronized (this) {
            if (reusable && !closed) {
                idle.addFirst(client);
                return;
            }
        }
        LOG.debug("metastore {}: closing a client after a failed call", name);
        client.close();
    }
}
