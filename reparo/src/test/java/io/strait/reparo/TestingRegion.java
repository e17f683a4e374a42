package io.strait.reparo;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One in-memory region holding table {@code sales.orders} (partitioned by {@code ds}) under its own root: the
 * source writes partitions at {@code <root>/sales/orders/ds=X}, a replica into version folders below that.
 */
final class TestingRegion {
    static final TableRef ORDERS = TableRef.of("sales", "orders");
    static final TableRef CUSTOMERS = TableRef.of("sales", "customers");

    final RegionId region;
    final String root;
    final InMemoryMetastoreGateway metastore;
    final InMemoryRegionFileSystem fileSystem;
    private final String versionFolder;

    private TestingRegion(String name, String versionFolder) {
        this.region = RegionId.of(name);
        this.root = "file:/" + name + "/warehouse";
        this.metastore = new InMemoryMetastoreGateway(region);
        this.fileSystem = new InMemoryRegionFileSystem(region);
        this.versionFolder = versionFolder;
        metastore.createDatabase(new DatabaseSnapshot("sales", root + "/sales", "", Map.of()));
    }

    static TestingRegion source(String name) {
        return new TestingRegion(name, "");
    }

    /** A region whose partitions live in Strait version folders, as a replica's do. */
    static TestingRegion replica(String name) {
        return new TestingRegion(name, "_strait_v7_1");
    }

    RegionEndpoint endpoint() {
        return new RegionEndpoint(metastore, fileSystem);
    }

    /** Table {@code sales.orders} with partitions ds=2024-01-01 (two files) and ds=2024-01-02 (one file). */
    TestingRegion withOrders(Map<String, String> parameters) {
        metastore.createTable(new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE, root + "/sales/orders",
                List.of(ColumnSpec.of("id", "bigint"), ColumnSpec.of("amount", "double")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, parameters, "hive"));
        addPartition("2024-01-01", Map.of("part-0.parquet", "first orders", "part-1.parquet", "more orders"));
        addPartition("2024-01-02", Map.of("sub/part-0.parquet", "late orders"));
        return this;
    }

    TestingRegion withOrders() {
        return withOrders(Map.of("EXTERNAL", "TRUE", "owner_team", "payments"));
    }

    /** Unpartitioned table {@code sales.customers} with two files. */
    TestingRegion withCustomers() {
        String location = dataLocation(root + "/sales/customers");
        metastore.createTable(new TableSnapshot(CUSTOMERS, TableSnapshot.EXTERNAL_TABLE, location,
                List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"),
                "hive"));
        write(location + "/000000_0", "alice");
        write(location + "/000001_0", "bob");
        return this;
    }

    void addPartition(String ds, Map<String, String> files) {
        String location = partitionLocation(ds);
        metastore.addPartition(new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(ds)), location,
                StorageFormat.PARQUET, Map.of("numFiles", String.valueOf(files.size()))));
        files.forEach((path, content) -> write(location + "/" + path, content));
    }

    String partitionLocation(String ds) {
        return dataLocation(root + "/sales/orders/ds=" + ds);
    }

    void write(String uri, String content) {
        try {
            fileSystem.delete(uri);
            fileSystem.write(uri, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String dataLocation(String mapped) {
        return versionFolder.isEmpty() ? mapped : RegionFileSystem.resolve(mapped, versionFolder);
    }
}
