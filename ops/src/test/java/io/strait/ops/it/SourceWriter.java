package io.strait.ops.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.hive.metastore.api.AddPrimaryKeyRequest;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.Catalog;
import org.apache.hadoop.hive.metastore.api.CreateCatalogRequest;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.FireEventRequest;
import org.apache.hadoop.hive.metastore.api.FireEventRequestData;
import org.apache.hadoop.hive.metastore.api.GetTableRequest;
import org.apache.hadoop.hive.metastore.api.InsertEventRequestData;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

/**
 * A writer of region A, for a metastore of either line (3.1 or 4.x): it changes the region only through Thrift
 * methods both lines serve ({@code create_table}, {@code add_partitions}, {@code alter_partition}, ...) and its
 * warehouse files.
 */
final class SourceWriter implements AutoCloseable {
    private final TSocket socket;
    private final ThriftHiveMetastore.Iface client;
    private final Path externalRoot;
    private final String database;
    private final String table;
    private final Random random = new Random(11);
    private int sequence;

    SourceWriter(String metastoreUri, Path externalRoot, String database, String table) throws TException {
        URI uri = URI.create(metastoreUri);
        this.socket = new TSocket(uri.getHost(), uri.getPort(), 60_000);
        socket.open();
        this.client = new ThriftHiveMetastore.Client(new TBinaryProtocol(socket));
        this.externalRoot = externalRoot;
        this.database = database;
        this.table = table;
    }

    Path partitionDirectory(String day) {
        return externalRoot.resolve(database + ".db").resolve(table).resolve("ds=" + day);
    }

    /** Creates the database unless it exists. */
    void createDatabaseOnce() throws TException {
        Database created = new Database(database, "", externalRoot.resolve(database + ".db").toUri().toString(),
                new HashMap<>());
        // as Hive's own DDL does: a 4.x server gives an ownerless database its caller as owner, a 3.1 server not
        created.setOwnerName("writer");
        created.setOwnerType(PrincipalType.USER);
        try {
            client.create_database(created);
        } catch (AlreadyExistsException exists) {
            // another table of the same database
        }
    }

    /** Creates the database (once), the external table and its partitions in one batch, two files each. */
    void createTableWithPartitions(List<String> days) throws TException, IOException {
        createDatabaseOnce();
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
        client.create_table(t);
        List<Partition> partitions = new ArrayList<>();
        for (String day : days) {
            writeFile(day, 2_000 + 3_000 * partitions.size());
            writeFile(day, 500);
            StorageDescriptor psd = sd.deepCopy();
            psd.setLocation(partitionDirectory(day).toUri().toString());
            partitions.add(new Partition(new ArrayList<>(List.of(day)), database, table, 0, 0, psd,
                    new HashMap<>()));
        }
        client.add_partitions(partitions);
    }

    /**
     * Creates a managed table (a truncate empties managed tables only) in the external root with two files, or
     * partitioned by ds with two files in each of {@code days}. A 4.x metastore turns it into an external table
     * purged on drop, a 3.1 metastore keeps it managed; both truncate it.
     */
    void createManagedTable(String name, List<String> days) throws TException, IOException {
        Path folder = externalRoot.resolve(database + ".db").resolve(name);
        Table t = new Table();
        t.setDbName(database);
        t.setTableName(name);
        t.setOwner("writer");
        t.setTableType("MANAGED_TABLE");
        t.setParameters(new HashMap<>());
        t.setPartitionKeys(days.isEmpty() ? new ArrayList<>() : List.of(new FieldSchema("ds", "string", "")));
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(List.of(new FieldSchema("id", "bigint", ""), new FieldSchema("payload", "string", "")));
        sd.setLocation(folder.toUri().toString());
        sd.setInputFormat("org.apache.hadoop.mapred.TextInputFormat");
        sd.setOutputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        sd.setSerdeInfo(new SerDeInfo("text", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new HashMap<>()));
        sd.setParameters(new HashMap<>());
        t.setSd(sd);
        if (days.isEmpty()) {
            writeFile(folder, 1_500);
            writeFile(folder, 700);
        }
        client.create_table(t);
        List<Partition> partitions = new ArrayList<>();
        for (String day : days) {
            Path partitionFolder = folder.resolve("ds=" + day);
            writeFile(partitionFolder, 1_200);
            writeFile(partitionFolder, 300);
            StorageDescriptor psd = sd.deepCopy();
            psd.setLocation(partitionFolder.toUri().toString());
            partitions.add(new Partition(new ArrayList<>(List.of(day)), database, name, 0, 0, psd,
                    new HashMap<>()));
        }
        if (!partitions.isEmpty()) {
            client.add_partitions(partitions);
        }
    }

    /** Renames a table of the writer's database, as ALTER TABLE ... RENAME TO does. */
    void rename(String from, String to) throws TException {
        Table renamed = client.get_table_req(new GetTableRequest(database, from)).getTable();
        renamed.setTableName(to);
        client.alter_table(database, from, renamed);
    }

    /** Declares {@code column} the table's primary key ({@code pk_<table>}, RELY), as ALTER TABLE ... ADD CONSTRAINT. */
    void addPrimaryKey(String column) throws TException {
        client.add_primary_key(new AddPrimaryKeyRequest(new ArrayList<>(List.of(new SQLPrimaryKey(database, table,
                column, 1, "pk_" + table, false, false, true)))));
    }

    /** Gives partition {@code day} the value {@code newDay}, as ALTER TABLE ... PARTITION ... RENAME TO does. */
    void renamePartition(String day, String newDay) throws TException {
        Partition renamed = client.get_partition(database, table, List.of(day));
        renamed.setValues(new ArrayList<>(List.of(newDay)));
        client.rename_partition(database, table, List.of(day), renamed);
    }

    /** Empties the table (every partition of a partitioned one) through the metastore, as TRUNCATE TABLE does. */
    void truncate(String name) throws TException {
        client.truncate_table(database, name, null);
    }

    /** Writes a file into the partition's folder and fires the insert event a Hive writer fires. */
    Path insertFile(String day, int bytes) throws TException, IOException {
        Path file = writeFile(day, bytes);
        FireEventRequest request = new FireEventRequest(true,
                FireEventRequestData.insertData(new InsertEventRequestData(List.of(file.toUri().toString()))));
        request.setDbName(database);
        request.setTableName(table);
        request.setPartitionVals(List.of(day));
        client.fire_listener_event(request);
        return file;
    }

    void alterTableParameter(String key, String value) throws TException {
        Table current = client.get_table_req(new GetTableRequest(database, table)).getTable();
        current.getParameters().put(key, value);
        client.alter_table(database, table, current);
    }

    void alterDatabaseParameter(String key, String value) throws TException {
        Database current = client.get_database(database);
        current.getParameters().put(key, value);
        client.alter_database(database, current);
    }

    /** Moves the database to folder {@code folder} of the external root, setting a parameter in the same call. */
    void moveDatabase(String folder, String key, String value) throws TException {
        Database current = client.get_database(database);
        current.setLocationUri(externalRoot.resolve(folder).toUri().toString());
        current.getParameters().put(key, value);
        client.alter_database(database, current);
    }

    void alterPartitionParameter(String day, String key, String value) throws TException {
        Partition partition = client.get_partition(database, table, List.of(day));
        partition.getParameters().put(key, value);
        client.alter_partition(database, table, partition);
    }

    /** Adds partition {@code day} with one new file of {@code bytes} bytes. */
    void addPartition(String day, int bytes) throws TException, IOException {
        writeFile(day, bytes);
        StorageDescriptor psd = client.get_table_req(new GetTableRequest(database, table)).getTable().getSd()
                .deepCopy();
        psd.setLocation(partitionDirectory(day).toUri().toString());
        client.add_partition(new Partition(new ArrayList<>(List.of(day)), database, table, 0, 0, psd,
                new HashMap<>()));
    }

    /**
     * The same database, table and a partition {@code day} in another catalog of the same metastore (created with
     * its location below the external root), as a distribution keeping a {@code spark} catalog beside {@code hive}
     * would hold them.
     */
    void addPartitionInCatalog(String catalog, String day) throws TException, IOException {
        Path root = externalRoot.resolve("catalog-" + catalog);
        client.create_catalog(new CreateCatalogRequest(new Catalog(catalog, root.toUri().toString())));
        Database copy = client.get_database(database).deepCopy();
        copy.setCatalogName(catalog);
        copy.setLocationUri(root.resolve(database + ".db").toUri().toString());
        client.create_database(copy);
        Table tableCopy = client.get_table_req(new GetTableRequest(database, table)).getTable().deepCopy();
        tableCopy.setCatName(catalog);
        tableCopy.getSd().setLocation(root.resolve(database + ".db").resolve(table).toUri().toString());
        client.create_table(tableCopy);
        Path directory = Files.createDirectories(root.resolve(database + ".db").resolve(table).resolve("ds=" + day));
        Files.writeString(directory.resolve("part-00000.txt"), "only in catalog " + catalog + "\n");
        StorageDescriptor psd = tableCopy.getSd().deepCopy();
        psd.setLocation(directory.toUri().toString());
        Partition partition = new Partition(new ArrayList<>(List.of(day)), database, table, 0, 0, psd,
                new HashMap<>());
        partition.setCatName(catalog);
        client.add_partition(partition);
    }

    void dropPartition(String day) throws TException {
        client.drop_partition(database, table, List.of(day), false);
    }

    void dropTable() throws TException {
        client.drop_table(database, table, false);
    }

    private Path writeFile(String day, int bytes) throws IOException {
        return writeFile(partitionDirectory(day), bytes);
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
        socket.close();
    }
}
