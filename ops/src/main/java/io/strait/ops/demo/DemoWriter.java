package io.strait.ops.demo;

import io.strait.common.region.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * A data writer of region A, as a Hive job would be: it writes Parquet files into the region's warehouse and tells
 * the metastore through its Thrift API (DDL calls, and insert events naming the new files). Strait sees only what
 * the metastore's listener sees.
 */
final class DemoWriter implements AutoCloseable {
    static final String DATABASE = "demo";
    static final String TABLE = "trips";
    /** A table of the lake from before Strait: written while region A had no listener, replicated by bootstrap. */
    static final String ARCHIVE_TABLE = "trips_archive";

    private final IMetaStoreClient client;
    private final Path externalRoot;
    private final String externalRootUri;
    private int fileSequence;

    DemoWriter(String metastoreUri, Path externalRoot) throws TException {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, metastoreUri);
        MetastoreConf.setTimeVar(conf, MetastoreConf.ConfVars.CLIENT_SOCKET_TIMEOUT, 60, java.util.concurrent.TimeUnit.SECONDS);
        this.client = new HiveMetaStoreClient(conf);
        this.externalRoot = externalRoot;
        this.externalRootUri = Locations.canonical(externalRoot.toUri().toString());
    }

    void createDatabaseAndTable() throws TException {
        createDatabaseAndTable(TABLE);
    }

    /** Creates the demo database unless it exists, then the partitioned trips table {@code name}. */
    void createDatabaseAndTable(String name) throws TException {
        if (client.getAllDatabases().stream().noneMatch(DATABASE::equalsIgnoreCase)) {
            Database database = new Database(DATABASE, "Strait demo: taxi trips",
                    externalRootUri + "/" + DATABASE + ".db", new HashMap<>(Map.of("team", "mobility")));
            database.setOwnerName("demo-writer");
            database.setOwnerType(PrincipalType.USER);
            client.createDatabase(database);
        }
        Table table = new Table();
        table.setDbName(DATABASE);
        table.setTableName(name);
        table.setOwner("demo-writer");
        table.setTableType("EXTERNAL_TABLE");
        table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE", "comment", "trips by day")));
        table.setPartitionKeys(List.of(new FieldSchema("ds", "string", "trip date")));
        table.setSd(storage(tableLocation(name), List.of(
                new FieldSchema("trip_id", "bigint", ""), new FieldSchema("rider", "string", ""),
                new FieldSchema("fare", "double", "in EUR"), new FieldSchema("distance_km", "double", ""))));
        client.createTable(table);
    }

    /** Writes one file of {@code rows} rows into each partition, then adds all of them in one metastore call. */
    void addPartitions(List<String> days, int baseRows) throws IOException, TException {
        addPartitions(TABLE, days, baseRows);
    }

    void addPartitions(String name, List<String> days, int baseRows) throws IOException, TException {
        Table table = client.getTable(DATABASE, name);
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            String day = days.get(i);
            writeFile(name, day, baseRows * (i % 7 + 1) + 37 * i);
            partitions.add(partition(table, name, day));
        }
        client.add_partitions(partitions);
    }

    /** Writes one more file into a partition and fires the insert event naming it. */
    void insertInto(String day, int rows) throws IOException, TException {
        String file = writeFile(TABLE, day, rows);
        InsertEventRequestData insert = new InsertEventRequestData(List.of(file));
        FireEventRequest request = new FireEventRequest(true, FireEventRequestData.insertData(insert));
        request.setDbName(DATABASE);
        request.setTableName(TABLE);
        request.setPartitionVals(List.of(day));
        client.fireListenerEvent(request);
    }

    void alterPartitionParameters(String day, Map<String, String> parameters) throws TException {
        Partition partition = client.getPartition(DATABASE, TABLE, List.of(day));
        partition.getParameters().putAll(parameters);
        client.alter_partition(DATABASE, TABLE, partition);
    }

    void dropPartition(String day) throws TException {
        client.dropPartition(DATABASE, TABLE, List.of(day), false);
    }

    String tableLocation(String name) {
        return externalRootUri + "/" + DATABASE + ".db/" + name;
    }

    private String writeFile(String name, String day, int rows) throws IOException {
        Path directory = externalRoot.resolve(DATABASE + ".db").resolve(name).resolve("ds=" + day);
        Files.createDirectories(directory);
        int sequence = fileSequence++;
        Path file = directory.resolve(String.format("part-%05d.parquet", sequence));
        DemoParquet.write(file, rows, sequence + 1L);
        return Locations.canonical(file.toUri().toString());
    }

    private Partition partition(Table table, String name, String day) {
        Partition partition = new Partition();
        partition.setDbName(DATABASE);
        partition.setTableName(name);
        partition.setValues(List.of(day));
        partition.setParameters(new HashMap<>());
        StorageDescriptor sd = table.getSd().deepCopy();
        sd.setLocation(tableLocation(name) + "/ds=" + day);
        partition.setSd(sd);
        return partition;
    }

    private static StorageDescriptor storage(String location, List<FieldSchema> columns) {
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(columns);
        sd.setLocation(location);
        sd.setInputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        sd.setOutputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
        sd.setSerdeInfo(new SerDeInfo("parquet", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                new HashMap<>(Map.of("serialization.format", "1"))));
        sd.setParameters(new HashMap<>());
        return sd;
    }

    @Override
    public void close() {
        client.close();
    }
}
