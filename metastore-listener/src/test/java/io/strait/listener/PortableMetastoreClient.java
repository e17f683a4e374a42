package io.strait.listener;

import io.strait.embedded.EmbeddedRegion;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * A writer's metastore connection for tests against either metastore line: the plain Thrift client, on which the
 * tests call only methods Hive Metastore 3.1 and 4.x both serve ({@code create_table}, {@code add_partitions},
 * {@code alter_partitions}, {@code truncate_table}, ...). {@code HiveMetaStoreClient} 4.0.1 calls {@code *_req}
 * methods a 3.1 server does not have.
 */
final class PortableMetastoreClient implements AutoCloseable {
    private final TSocket socket;
    private final ThriftHiveMetastore.Client client;

    private PortableMetastoreClient(TSocket socket) {
        this.socket = socket;
        this.client = new ThriftHiveMetastore.Client(new TBinaryProtocol(socket));
    }

    static PortableMetastoreClient connect(EmbeddedRegion region) throws TTransportException {
        TSocket socket = new TSocket("127.0.0.1", region.port(), 60_000);
        socket.open();
        return new PortableMetastoreClient(socket);
    }

    ThriftHiveMetastore.Iface api() {
        return client;
    }

    @Override
    public void close() {
        socket.close();
    }
}
