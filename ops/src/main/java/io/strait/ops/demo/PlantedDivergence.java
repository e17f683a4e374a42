package io.strait.ops.demo;

import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo does to region B behind Strait's back, for reconcile to find and repair: one replica file deleted
 * (a {@code MISSING_FILE}) and one replica partition's parameter changed (a {@code PARAMETER_DRIFT}).
 */
record PlantedDivergence(String deletedFile, PartitionRef alteredPartition) {
    static PlantedDivergence plant(MetastoreGateway target, RegionFileSystem targetFiles, PartitionRef fileOf,
            PartitionRef parameterOf) throws IOException {
        PartitionSnapshot replica = target.getPartition(fileOf).orElseThrow(() -> new IllegalStateException(
                "demo: partition " + fileOf + " is not in region " + target.region()));
        List<FileEntry> files = targetFiles.listFiles(replica.location());
        if (files.isEmpty()) {
            throw new IllegalStateException("demo: partition " + fileOf + " has no file in region " + target.region());
        }
        String deleted = RegionFileSystem.resolve(replica.location(), files.get(0).relativePath());
        targetFiles.delete(deleted);
        PartitionSnapshot altered = target.getPartition(parameterOf).orElseThrow(() -> new IllegalStateException(
                "demo: partition " + parameterOf + " is not in region " + target.region()));
        Map<String, String> parameters = new TreeMap<>(altered.parameters());
        parameters.put("quality", "edited-by-hand-in-region-b");
        target.alterPartition(altered.withParameters(parameters));
        return new PlantedDivergence(deleted, parameterOf);
    }

    static PartitionRef partition(String table, String day) {
        return PartitionRef.of(TableRef.of(DemoWriter.DATABASE, table), List.of(day));
    }

    String describe() {
        return "deleted " + deletedFile + ", changed a parameter of " + alteredPartition;
    }
}
