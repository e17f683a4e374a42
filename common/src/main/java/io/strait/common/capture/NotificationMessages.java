package io.strait.common.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.metastore.NotificationEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the partitions a notification names from its message, a pure function. The metastore writes messages as
 * JSON ({@code json-*}) or as base64 of gzip-compressed JSON ({@code gzip(json-*)}); partition events name their
 * partitions by key and value ({@code partitions} of an add or a drop, {@code keyValues} of an alter) and an insert
 * its partition as Thrift JSON ({@code ptnObjJson}, whose field 1 is the values).
 */
public final class NotificationMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationMessages() {
    }

    /**
     * The partition values the entry names, in partition key order: one list per partition, empty for an event of
     * a table or database (or an insert into an unpartitioned table). Empty optional when the message cannot be
     * read (an unknown encoding): the caller then repairs the table by a scan.
     */
    public static Optional<List<List<String>>> partitionValues(NotificationEntry entry) {
        JsonNode message;
        try {
            message = JSON.readTree(decoded(entry));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (message == null || !message.isObject()) {
            return Optional.empty();
        }
        List<List<String>> partitions = new ArrayList<>();
        switch (entry.type()) {
            case "ADD_PARTITION", "DROP_PARTITION" -> message.path("partitions")
                    .forEach(partition -> partitions.add(valuesOf(partition)));
            case "ALTER_PARTITION" -> partitions.add(valuesOf(message.path("keyValues")));
            case "INSERT" -> {
                String partition = message.path("ptnObjJson").asText("");
                if (!partition.isEmpty()) {
                    try {
                        List<String> values = thriftValues(JSON.readTree(partition));
                        if (!values.isEmpty()) {
                            partitions.add(values);
                        }
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }
            }
            default -> {
                // a table or database event: no partitions
            }
        }
        return partitions.stream().anyMatch(List::isEmpty) ? Optional.empty() : Optional.of(partitions);
    }

    /**
     * The values an {@code ALTER_PARTITION} entry's partition has after the change ({@code partitionObjAfterJson},
     * Thrift JSON) when they differ from those it had before ({@code keyValues}, which {@link #partitionValues}
     * reads): a partition renamed. Empty for any other change or an unreadable message.
     */
    public static Optional<List<String>> renamedPartitionValues(NotificationEntry entry) {
        if (!"ALTER_PARTITION".equals(entry.type())) {
            return Optional.empty();
        }
        try {
            JsonNode message = JSON.readTree(decoded(entry));
            String after = message.path("partitionObjAfterJson").asText("");
            if (after.isEmpty()) {
                return Optional.empty();
            }
            List<String> values = thriftValues(JSON.readTree(after));
            return values.isEmpty() || values.equals(valuesOf(message.path("keyValues")))
                    ? Optional.empty() : Optional.of(values);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The table an {@code ALTER_TABLE} entry renamed (database and table of {@code tableObjBeforeJson}, Thrift
     * fields 2 and 1) when it differs from the entry's own; empty for any other change or an unreadable message.
     */
    public static Optional<io.strait.common.metastore.TableRef> renamedFrom(NotificationEntry entry) {
        if (!"ALTER_TABLE".equals(entry.type())) {
            return Optional.empty();
        }
        try {
            JsonNode before = JSON.readTree(JSON.readTree(decoded(entry)).path("tableObjBeforeJson").asText("{}"));
            String table = before.path("1").path("str").asText("");
            String database = before.path("2").path("str").asText("");
            if (table.isEmpty() || database.isEmpty() || (table.equalsIgnoreCase(entry.table())
                    && database.equalsIgnoreCase(entry.database()))) {
                return Optional.empty();
            }
            return Optional.of(io.strait.common.metastore.TableRef.of(database, table));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String decoded(NotificationEntry entry) throws IOException {
        if (!entry.messageFormat().startsWith("gzip")) {
            return entry.message();
        }
        byte[] compressed = Base64.getDecoder().decode(entry.message());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The values of a key/value object, in its order (the metastore writes them in partition key order). */
    private static List<String> valuesOf(JsonNode keyValues) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = keyValues.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values;
    }

    /** Field 1 of a Thrift-JSON partition: {@code {"1":{"lst":["str",n,"v1",...]}}}. */
    private static List<String> thriftValues(JsonNode partition) {
        JsonNode list = partition.path("1").path("lst");
        List<String> values = new ArrayList<>();
        for (int i = 2; i < list.size(); i++) {
            values.add(list.get(i).asText());
        }
        return values;
    }
}
