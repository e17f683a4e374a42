package io.strait.ops.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.FireEventRequest;
import org.apache.hadoop.hive.metastore.api.FireEventRequestData;
import org.apache.hadoop.hive.metastore.api.InsertEventRequestData;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.thrift.TException;

/** A writer of region A that changes it only through its metastore's Thrift API (and its warehouse files). */
final class SourceWriter implements AutoCloseable {
    private final IMetaStoreClient client;
    private final Path externalRoot;
    private final String database;
    private final String table;
    private final Random random = new Random(7);
    private int sequence;

    SourceWriter(String metastoreUri, Path externalRoot, String database, String table) throws TException {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, metastoreUri);
        this.client = new HiveMetaStoreClient(conf);
        this.externalRoot = externalRoot;
        this.database = database;
        this.table = table;
    }

    Path partitionDirectory(String day) {
        return externalRoot.resolve(database + ".db").resolve(table).resolve("ds=" + day);
    }

    void createTableWithPartitions(List<String> days) throws TException, IOException {
        try {
            client.createDatabase(new Database(database, "", externalRoot.resolve(database + ".db").toUri().toString(),
                    new HashMap<>()));
        } catch (org.apache.hadoop.hive.metastore.api.AlreadyExistsException exists) {
            // another table of the same database: the database is there already
        }
        Table t = new Table();
        t.setDbName(database);
        t.setTableName(table);
        t.setOwner("writer");
        t.setTableType("EXTERNAL_TABLE");
        t.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE")));
        t.setPartitionKeys(List.of(new FieldSchema("ds", "string", "")));
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(List.of(new FieldSchema("id", "bigint", ""), new FieldSchema("payload", "string", "")));
        sd.setLocation(externalRoot.resolve(database + ".db").resolve(table).toUri().toString());
        sd.setInputFormat("org.apache.hadoop.mapred.TextInputFormat");
        sd.setOutputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        sd.setSerdeInfo(new SerDeInfo("text", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new HashMap<>()));
        sd.setParameters(new HashMap<>());
        t.setSd(sd);
        client.createTable(t);
        Table created = client.getTable(database, table);
        List<Partition> partitions = new ArrayList<>();
        for (String day : days) {
            writeFile(day, 2_000 + 3_000 * partitions.size());
            writeFile(day, 500);
            StorageDescriptor psd = created.getSd().deepCopy();
            psd.setLocation(partitionDirectory(day).toUri().toString());
            partitions.add(new Partition(List.of(day), database, table, 0, 0, psd, new HashMap<>()));
        }
        client.add_partitions(partitions);
    }

    /** Adds partition {@code day} with one new file of {@code bytes} bytes. */
    void addPartition(String day, int bytes) throws TException, IOException {
        writeFile(day, bytes);
        Table existing = client.getTable(database, table);
        StorageDescriptor psd = existing.getSd().deepCopy();
        psd.setLocation(partitionDirectory(day).toUri().toString());
        client.add_partition(new Partition(List.of(day), database, table, 0, 0, psd, new HashMap<>()));
    }

    void alterTableParameter(String key, String value) throws TException {
        Table current = client.getTable(database, table);
        current.getParameters().put(key, value);
        client.alter_table(database, table, current);
    }

    Path insertFile(String day, int bytes) throws TException, IOException {
        Path file = writeFile(day, bytes);
        FireEventRequest request = new FireEventRequest(true,
                FireEventRequestData.insertData(new InsertEventRequestData(List.of(file.toUri().toString()))));
        request.setDbName(database);
        request.setTableName(table);
        request.setPartitionVals(List.of(day));
        client.fireListenerEvent(request);
        return file;
    }

    void alterPartitionParameter(String day, String key, String value) throws TException {
        Partition partition = client.getPartition(database, table, List.of(day));
        partition.getParameters().put(key, value);
        client.alter_partition(database, table, partition);
    }

    void alterDatabaseParameter(String key, String value) throws TException {
        Database current = client.getDatabase(database);
        current.getParameters().put(key, value);
        client.alterDatabase(database, current);
    }

    void dropPartition(String day) throws TException {
        client.dropPartition(database, table, List.of(day), false);
    }

    void dropTable() throws TException {
        client.dropTable(database, table, false, false);
    }

    private Path writeFile(String day, int bytes) throws IOException {
        Path directory = partitionDirectory(day);
        Files.createDirectories(directory);
        byte[] content = new byte[bytes];
        random.nextBytes(content);
        Path file = directory.resolve(String.format("part-%05d.txt", sequence++));
        Files.write(file, content);
        return file;
    }

    @Override
    public void close() {
        client.close();
    }
}
