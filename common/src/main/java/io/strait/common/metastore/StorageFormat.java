package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a table or partition stores its data: everything of the metastore's storage descriptor but its location and
 * columns. Input/output formats, serde library, name, parameters and {@link SerdeDetails}, the compressed flag,
 * bucketing, skew (list bucketing), stored-as-subdirectories and the descriptor's own parameters. Readers and engines
 * use every one of them, so replication copies all and reconcile compares all.
 */
public record StorageFormat(String inputFormat, String outputFormat, String serializationLib,
        Map<String, String> serdeParameters, String serdeName, boolean compressed, Bucketing bucketing, Skew skew,
        boolean storedAsSubDirectories, Map<String, String> parameters, SerdeDetails serdeDetails) {
    public static final StorageFormat NONE = new StorageFormat("", "", "", Map.of());
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
        serdeName = serdeName == null ? "" : serdeName;
        bucketing = Objects.requireNonNullElse(bucketing, Bucketing.NONE);
        skew = Objects.requireNonNullElse(skew, Skew.NONE);
        parameters = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(parameters, Map.of())));
        serdeDetails = Objects.requireNonNullElse(serdeDetails, SerdeDetails.NONE);
    }

    /** A storage format without {@link SerdeDetails}. */
    public StorageFormat(String inputFormat, String outputFormat, String serializationLib,
            Map<String, String> serdeParameters, String serdeName, boolean compressed, Bucketing bucketing, Skew skew,
            boolean storedAsSubDirectories, Map<String, String> parameters) {
        this(inputFormat, outputFormat, serializationLib, serdeParameters, serdeName, compressed, bucketing, skew,
                storedAsSubDirectories, parameters, SerdeDetails.NONE);
    }

    /** Formats and serde only: not compressed, not bucketed, no skew, no descriptor parameters. */
    public StorageFormat(String inputFormat, String outputFormat, String serializationLib,
            Map<String, String> serdeParameters) {
        this(inputFormat, outputFormat, serializationLib, serdeParameters, "", false, Bucketing.NONE, Skew.NONE,
                false, Map.of());
    }

    public StorageFormat withBucketing(Bucketing newBucketing) {
        return new StorageFormat(inputFormat, outputFormat, serializationLib, serdeParameters, serdeName, compressed,
                newBucketing, skew, storedAsSubDirectories, parameters, serdeDetails);
    }

    public StorageFormat withSkew(Skew newSkew, boolean newStoredAsSubDirectories) {
        return new StorageFormat(inputFormat, outputFormat, serializationLib, serdeParameters, serdeName, compressed,
                bucketing, newSkew, newStoredAsSubDirectories, parameters, serdeDetails);
    }

    public StorageFormat withSerdeParameters(Map<String, String> newSerdeParameters) {
        return new StorageFormat(inputFormat, outputFormat, serializationLib, newSerdeParameters, serdeName,
                compressed, bucketing, skew, storedAsSubDirectories, parameters, serdeDetails);
    }

    public StorageFormat withSerdeDetails(SerdeDetails newSerdeDetails) {
        return new StorageFormat(inputFormat, outputFormat, serializationLib, serdeParameters, serdeName, compressed,
                bucketing, skew, storedAsSubDirectories, parameters, newSerdeDetails);
    }
}
