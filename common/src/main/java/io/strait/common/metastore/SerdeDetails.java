package io.strait.common.metastore;

/**
 * The fields of a metastore's serde beyond its name, library and parameters, set for schema-registry tables: a
 * description, the serializer and deserializer classes, and the serde type ({@code HIVE} or
 * {@code SCHEMA_REGISTRY}; empty when unset). Both metastore lines (3.1 and 4) keep them.
 */
public record SerdeDetails(String description, String serializerClass, String deserializerClass, String serdeType) {
    public static final SerdeDetails NONE = new SerdeDetails("", "", "", "");

    public SerdeDetails {
        description = description == null ? "" : description;
        serializerClass = serializerClass == null ? "" : serializerClass;
        deserializerClass = deserializerClass == null ? "" : deserializerClass;
        serdeType = serdeType == null ? "" : serdeType;
    }
}
