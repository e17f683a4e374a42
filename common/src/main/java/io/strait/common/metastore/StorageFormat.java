package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** How a table or partition stores its data: input/output formats, serde library and serde parameters. */
public record StorageFormat(String inputFormat, String outputFormat, String serializationLib,
        Map<String, String> serdeParameters) {
    public static final StorageFormat PARQUET = new StorageFormat(
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
            Map.of("serialization.format", "1"));

    public StorageFormat {
        inputFormat = inputFormat == null ? "" : inputFormat;
        outputFormat = outputFormat == null ? "" : outputFormat;
        serializationLib = serializationLib == null ? "" : serializationLib;
        serdeParameters = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(serdeParameters, Map.of())));
    }
}
