package io.strait.ops.it;

import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a region holds for some tables, to prove a command left it untouched: each table's metastore snapshot, its
 * partitions, and every file below its location with the SHA-256 of its bytes.
 */
record SourceSnapshot(Map<TableRef, Optional<TableSnapshot>> tables, Map<TableRef, List<PartitionSnapshot>> partitions,
        Map<String, String> files) {

    static SourceSnapshot of(MetastoreGateway metastore, List<TableRef> refs) {
        Map<TableRef, Optional<TableSnapshot>> tables = new TreeMap<>();
        Map<TableRef, List<PartitionSnapshot>> partitions = new TreeMap<>();
        Map<String, String> files = new TreeMap<>();
        for (TableRef ref : refs) {
            Optional<TableSnapshot> table = metastore.getTable(ref);
            tables.put(ref, table);
            partitions.put(ref, table.isPresent() ? metastore.listPartitions(ref) : List.of());
            table.filter(snapshot -> !snapshot.location().isEmpty())
                    .ifPresent(snapshot -> files.putAll(hashes(Path.of(URI.create(snapshot.location())))));
        }
        return new SourceSnapshot(tables, partitions, files);
    }

    private static Map<String, String> hashes(Path directory) {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return hashes;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                hashes.put(file.toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }
}
