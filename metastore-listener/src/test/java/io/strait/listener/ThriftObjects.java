package io.strait.listener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

/** Thrift objects as a metastore hands them to listeners, for tests. */
final class ThriftObjects {
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private ThriftObjects() {
    }

    static Database database(String name, String location, Map<String, String> parameters) {
        return new Database(name, "about " + name, location, new HashMap<>(parameters));
    }

    /** An external Parquet table with columns id bigint, amount double and partition key ds string. */
    static Table partitionedTable(String database, String name, String location, Map<String, String> parameters) {
        Table table = new Table();
        table.setDbName(database);
        table.setTableName(name);
        table.setOwner("etl");
        table.setTableType("EXTERNAL_TABLE");
        table.setSd(storage(location, List.of(new FieldSchema("id", "bigint", "row id"),
                new FieldSchema("amount", "double", null))));
        table.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("ds", "string", null))));
        Map<String, String> tableParameters = new HashMap<>(parameters);
        tableParameters.put("EXTERNAL", "TRUE");
        table.setParameters(tableParameters);
        return table;
    }

    static Partition partition(Table table, String value, Map<String, String> parameters) {
        Partition partition = new Partition();
        partition.setDbName(table.getDbName());
        partition.setTableName(table.getTableName());
        partition.setValues(new ArrayList<>(List.of(value)));
        partition.setSd(storage(table.getSd().getLocation() + "/ds=" + value, table.getSd().getCols()));
        partition.setParameters(new HashMap<>(parameters));
        return partition;
    }

    static StorageDescriptor storage(String location, List<FieldSchema> columns) {
        StorageDescriptor storage = new StorageDescriptor();
        storage.setLocation(location);
        storage.setCols(new ArrayList<>(columns));
        storage.setInputFormat(PARQUET_INPUT);
        storage.setOutputFormat(PARQUET_OUTPUT);
        storage.setSerdeInfo(new SerDeInfo(null, PARQUET_SERDE, new HashMap<>(Map.of("serialization.format", "1"))));
        return storage;
    }
}
