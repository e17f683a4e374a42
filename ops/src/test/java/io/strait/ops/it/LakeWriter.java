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
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.thrift.TException;

/**
 * A writer of one region's lake through its metastore's Thrift API (and its warehouse files): databases, partitioned
 * (by {@code ds}) and unpartitioned text tables of random bytes, views, new partitions and insert events. Also used
 * to change region B "behind Strait's back" in tests.
 */
final class LakeWriter implements AutoCloseable {
    private final IMetaStoreClient client;
    private final Path externalRoot;
    private final Random random = new Random(11);
    private int sequence;

    LakeWriter(String metastoreUri, Path externalRoot) throws TException {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, metastoreUri);
        this.client = new HiveMetaStoreClient(conf);
        this.externalRoot = externalRoot;
    }

    IMetaStoreClient client() {
        return client;
    }

    Path tableDirectory(String database, String table) {
        return externalRoot.resolve(database + ".db").resolve(table);
    }

    Path partitionDirectory(String database, String table, String day) {
        return tableDirectory(database, table).resolve("ds=" + day);
    }

    void createDatabase(String database) throws TException {
        Database created = new Database(database, "written by the tests",
                externalRoot.resolve(database + ".db").toUri().toString(), new HashMap<>(Map.of("team", "lake")));
        created.setOwnerName("lake");
        created.setOwnerType(PrincipalType.ROLE);
        client.createDatabase(created);
    }

    void createPartitionedTable(String database, String table, List<String> days) throws TException, IOException {
        client.createTable(table(database, table, List.of(new FieldSchema("ds", "string", ""))));
        Table created = client.getTable(database, table);
        List<Partition> partitions = new ArrayList<>();
        for (String day : days) {
            writeFile(partitionDirectory(database, table, day), 1_500 + 700 * partitions.size());
            writeFile(partitionDirectory(database, table, day), 300);
            StorageDescriptor storage = created.getSd().deepCopy();
            storage.setLocation(partitionDirectory(database, table, day).toUri().toString());
            partitions.add(new Partition(List.of(day), database, table, 0, 0, storage, new HashMap<>()));
        }
        client.add_partitions(partitions);
    }

    void createUnpartitionedTable(String database, String table) throws TException, IOException {
        writeFile(tableDirectory(database, table), 2_000);
        writeFile(tableDirectory(database, table), 400);
        client.createTable(table(database, table, List.of()));
    }

    void createView(String database, String view, String baseTable) throws TException {
        Table thrift = new Table();
        thrift.setDbName(database);
        thrift.setTableName(view);
        thrift.setTableType("VIRTUAL_VIEW");
        thrift.setOwner("lake");
        thrift.setOwnerType(PrincipalType.USER);
        StorageDescriptor storage = new StorageDescriptor();
        storage.setCols(columns());
        storage.setSerdeInfo(new SerDeInfo());
        thrift.setSd(storage);
        thrift.setPartitionKeys(List.of());
        thrift.setParameters(new HashMap<>());
        thrift.setViewOriginalText("select id from " + baseTable);
        thrift.setViewExpandedText("select `" + baseTable + "`.`id` from `" + database + "`.`" + baseTable + "`");
        client.createTable(thrift);
    }

    void addPartition(String database, String table, String day) throws TException, IOException {
        writeFile(partitionDirectory(database, table, day), 900);
        StorageDescriptor storage = client.getTable(database, table).getSd().deepCopy();
        storage.setLocation(partitionDirectory(database, table, day).toUri().toString());
        client.add_partition(new Partition(List.of(day), database, table, 0, 0, storage, new HashMap<>()));
    }

    /** A new file in the partition (or, with {@code day} null, the unpartitioned table) and its insert event. */
    Path insertFile(String database, String table, String day, int bytes) throws TException, IOException {
        Path directory = day == null ? tableDirectory(database, table) : partitionDirectory(database, table, day);
        Path file = writeFile(directory, bytes);
        FireEventRequest request = new FireEventRequest(true,
                FireEventRequestData.insertData(new InsertEventRequestData(List.of(file.toUri().toString()))));
        request.setDbName(database);
        request.setTableName(table);
        if (day != null) {
            request.setPartitionVals(List.of(day));
        }
        client.fireListenerEvent(request);
        return file;
    }

    void alterTableParameter(String database, String table, String key, String value) throws TException {
        Table current = client.getTable(database, table);
        current.getParameters().put(key, value);
        client.alter_table(database, table, current);
    }

    private Table table(String database, String name, List<FieldSchema> partitionKeys) {
        Table table = new Table();
        table.setDbName(database);
        table.setTableName(name);
        table.setOwner("lake");
        table.setOwnerType(PrincipalType.USER);
        table.setTableType("EXTERNAL_TABLE");
        table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE")));
        table.setPartitionKeys(new ArrayList<>(partitionKeys));
        StorageDescriptor storage = new StorageDescriptor();
        storage.setCols(columns());
        storage.setLocation(tableDirectory(database, name).toUri().toString());
        storage.setInputFormat("org.apache.hadoop.mapred.TextInputFormat");
        storage.setOutputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        storage.setSerdeInfo(new SerDeInfo("text", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                new HashMap<>(Map.of("serialization.format", ","))));
        storage.setParameters(new HashMap<>());
        table.setSd(storage);
        return table;
    }

    private static List<FieldSchema> columns() {
        return new ArrayList<>(List.of(new FieldSchema("id", "bigint", "the id"),
                new FieldSchema("payload", "string", "")));
    }

    private Path writeFile(Path directory, int bytes) throws IOException {
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
