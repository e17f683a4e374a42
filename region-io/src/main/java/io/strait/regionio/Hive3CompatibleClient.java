package io.strait.regionio;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.ColumnStatistics;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.EnvironmentContext;
import org.apache.hadoop.hive.metastore.api.GetTableRequest;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;

/**
 * The Hive 4.0.1 metastore client for a Hive Metastore 3.1 server. The 4.0.1 client sends newer request methods
 * ({@code create_database_req}, {@code create_table_req}, {@code get_partition_req}, {@code drop_table_req}, ...)
 * that a 3.1 server answers with {@code Invalid method name}; the calls Strait makes are sent here as the methods
 * both lines serve ({@code create_database}, {@code create_table_with_environment_context}, {@code get_partition},
 * {@code get_partitions_by_names}, {@code alter_partitions_with_environment_context},
 * {@code update_table_column_statistics}, ...), over the client's own connection. Calls not overridden (listing
 * tables, reading and deleting column statistics) already use methods 3.1 serves.
 */
final class Hive3CompatibleClient extends HiveMetaStoreClient {
    private final ThriftHiveMetastore.Iface portable;

    Hive3CompatibleClient(Configuration conf) throws MetaException {
        super(conf);
        this.portable = new ThriftHiveMetastore.Client(new TBinaryProtocol(getTTransport()));
    }

    /** True when {@code error} is a server's answer that it does not have the method called (a 3.1 server). */
    static boolean isUnknownMethod(TException error) {
        return error instanceof TApplicationException answer
                && answer.getType() == TApplicationException.UNKNOWN_METHOD;
    }

    @Override
    public void createDatabase(Database database) throws TException {
        portable.create_database(database);
    }

    @Override
    public Database getDatabase(String name) throws TException {
        return portable.get_database(name);
    }

    @Override
    public void alterDatabase(String name, Database database) throws TException {
        portable.alter_database(name, database);
    }

    @Override
    public void dropDatabase(String name, boolean deleteData, boolean ignoreUnknownDb, boolean cascade)
            throws TException {
        try {
            portable.drop_database(name, deleteData, cascade);
        } catch (org.apache.hadoop.hive.metastore.api.NoSuchObjectException e) {
            if (!ignoreUnknownDb) {
                throw e;
            }
        }
    }

    @Override
    public List<String> getAllDatabases() throws TException {
        return portable.get_all_databases();
    }

    @Override
    public Table getTable(String database, String table) throws TException {
        return portable.get_table_req(new GetTableRequest(database, table)).getTable();
    }

    @Override
    public void createTable(Table table, EnvironmentContext context) throws TException {
        portable.create_table_with_environment_context(table, context);
    }

    @Override
    public void alter_table_with_environmentContext(String database, String table, Table changed,
            EnvironmentContext context) throws TException {
        portable.alter_table_with_environment_context(database, table, changed, context);
    }

    @Override
    public void dropTable(String database, String table, boolean deleteData, boolean ignoreUnknownTable)
            throws TException {
        try {
            portable.drop_table(database, table, deleteData);
        } catch (org.apache.hadoop.hive.metastore.api.NoSuchObjectException e) {
            if (!ignoreUnknownTable) {
                throw e;
            }
        }
    }

    @Override
    public List<Partition> listPartitions(String database, String table, short max) throws TException {
        return portable.get_partitions(database, table, max);
    }

    @Override
    public Partition getPartition(String database, String table, List<String> values) throws TException {
        return portable.get_partition(database, table, values);
    }

    @Override
    public Partition add_partition(Partition partition, EnvironmentContext context) throws TException {
        return portable.add_partition_with_environment_context(partition, context);
    }

    @Override
    public void alter_partition(String database, String table, Partition partition, EnvironmentContext context)
            throws TException {
        portable.alter_partition_with_environment_context(database, table, partition, context);
    }

    @Override
    public List<Partition> getPartitionsByNames(String database, String table, List<String> names)
            throws TException {
        return portable.get_partitions_by_names(database, table, names);
    }

    @Override
    public void alter_partitions(String database, String table, List<Partition> partitions,
            EnvironmentContext context) throws TException {
        portable.alter_partitions_with_environment_context(database, table, partitions, context);
    }

    @Override
    public boolean updateTableColumnStatistics(ColumnStatistics statistics) throws TException {
        return portable.update_table_column_statistics(statistics);
    }

    @Override
    public boolean updatePartitionColumnStatistics(ColumnStatistics statistics) throws TException {
        return portable.update_partition_column_statistics(statistics);
    }

    @Override
    public boolean dropPartition(String database, String table, List<String> values, boolean deleteData)
            throws TException {
        return portable.drop_partition(database, table, values, deleteData);
    }
}
