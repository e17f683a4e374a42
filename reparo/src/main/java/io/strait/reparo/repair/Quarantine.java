package io.strait.reparo.repair;

import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the data of extra objects that a repair dropped into the target region's quarantine instead of deleting it:
 * {@code <root>/.strait-quarantine/job-<drop job id>/<db>/<table>[/<partition name>]}, where {@code <root>} is the
 * target region's configured root the data lies under (so the move is a rename within one filesystem). Only the
 * target region is touched; a folder is moved only after its drop job succeeded and only while the target metastore
 * no longer has the object; a folder under no configured root (or a root itself) is left where it is.
 */
public final class Quarantine {
    /** The folder below each target root that holds quarantined data. Hidden: scans and readers skip it. */
    public static final String FOLDER = ".strait-quarantine";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final MetastoreGateway target;
    private final RegionFileSystem targetFileSystem;
    private final Map<String, String> targetRoots;

    /**
     * @param target the target region's metastore (read only)
     * @param targetFileSystem the target region's filesystem, where folders are moved
     * @param targetRoots the target region's configured roots, by name
     */
    public Quarantine(MetastoreGateway target, RegionFileSystem targetFileSystem, Map<String, String> targetRoots) {
        this.target = Objects.requireNonNull(target, "target");
        this.targetFileSystem = Objects.requireNonNull(targetFileSystem, "targetFileSystem");
        if (!target.region().equals(targetFileSystem.region())) {
            throw new IllegalArgumentException("metastore of region " + target.region()
                    + " paired with filesystem of region " + targetFileSystem.region());
        }
        this.targetRoots = Map.copyOf(targetRoots);
    }

    /** What moves once the drop of {@code action}'s object succeeds: read now, before the drop. */
    public List<QuarantineMove> movesFor(RepairAction action) {
        ObjectRef object = action.object();
        return switch (action.kind()) {
            case DROP_TABLE -> target.getTable(object.tableRef()).map(this::tableMoves).orElse(List.of());
            case DROP_PARTITION -> target.getTable(object.tableRef()).flatMap(table ->
                    target.getPartition(object.partitionRef()).map(partition -> partitionMove(table, partition)))
                    .filter(move -> !move.location().isEmpty()).map(List::of).orElse(List.of());
            default -> List.of();
        };
    }

    private List<QuarantineMove> tableMoves(TableSnapshot table) {
        List<QuarantineMove> moves = new ArrayList<>();
        String tableLocation = table.location().isEmpty() ? "" : Locations.canonical(table.location());
        if (!tableLocation.isEmpty()) {
            moves.add(new QuarantineMove(ObjectRef.table(table.ref()), tableLocation, tableName(table)));
        }
        if (table.isPartitioned()) {
            for (PartitionSnapshot partition : target.listPartitions(table.ref())) {
                QuarantineMove move = partitionMove(table, partition);
                if (!move.location().isEmpty() && !isUnder(move.location(), tableLocation)) {
                    moves.add(move);
                }
            }
        }
        return moves;
    }

    private static QuarantineMove partitionMove(TableSnapshot table, PartitionSnapshot partition) {
        String location = partition.location().isEmpty() ? "" : Locations.canonical(partition.location());
        return new QuarantineMove(ObjectRef.partition(partition.ref()), location,
                tableName(table) + "/" + table.partitionName(partition.ref().values()));
    }

    private static String tableName(TableSnapshot table) {
        return table.ref().database() + "/" + table.ref().table();
    }

    /**
     * Moves the folders of {@code moves}, whose object job {@code dropJobId} dropped, into the quarantine. Never
     * throws for one folder: each result says what happened.
     */
    public List<QuarantineResult> quarantine(long dropJobId, List<QuarantineMove> moves) {
        List<QuarantineResult> results = new ArrayList<>();
        for (QuarantineMove move : moves) {
            results.add(quarantineOne(dropJobId, move));
        }
        return results;
    }

    private QuarantineResult quarantineOne(long dropJobId, QuarantineMove move) {
        if (stillInTarget(move.object())) {
            return QuarantineResult.left(move, move.object() + " is in region " + target.region()
                    + " again; its data stays where it is");
        }
        Optional<String> root = rootOf(move.location());
        if (root.isEmpty()) {
            return QuarantineResult.left(move, move.location() + " lies under none of region " + target.region()
                    + "'s roots " + targetRoots.values() + " (or is one): left where it is");
        }
        String destination = RegionFileSystem.resolve(root.get(), FOLDER + "/job-" + dropJobId + "/" + move.name());
        try {
            if (!targetFileSystem.exists(move.location())) {
                return QuarantineResult.left(move, move.location() + " no longer exists");
            }
            String free = freeName(destination);
            targetFileSystem.rename(move.location(), free);
            LOG.info("region {}: moved {} of dropped {} to quarantine {}", target.region(), move.location(),
                    move.object(), free);
            return QuarantineResult.moved(move, free);
        } catch (IOException | RuntimeException e) {
            LOG.warn("region {}: cannot move {} of dropped {} to quarantine {}: {}", target.region(),
                    move.location(), move.object(), destination, e.toString());
            return QuarantineResult.left(move, "cannot move it to " + destination + ": " + e.getMessage());
        }
    }

    private boolean stillInTarget(ObjectRef object) {
        return switch (object.level()) {
            case TABLE -> target.getTable(object.tableRef()).isPresent();
            case PARTITION -> target.getTable(object.tableRef()).isPresent()
                    && target.getPartition(object.partitionRef()).isPresent();
            case DATABASE -> target.getDatabase(object.database()).isPresent();
        };
    }

    /** The longest configured root strictly above {@code location}. */
    private Optional<String> rootOf(String location) {
        return targetRoots.values().stream().map(Locations::canonical)
                .filter(root -> !location.equals(root) && isUnder(location, root))
                .max(Comparator.comparingInt(String::length));
    }

    private String freeName(String destination) throws IOException {
        String candidate = destination;
        for (int suffix = 2; targetFileSystem.exists(candidate); suffix++) {
            candidate = destination + "-" + suffix;
        }
        return candidate;
    }

    private static boolean isUnder(String location, String folder) {
        if (folder.isEmpty()) {
            return false;
        }
        return location.equals(folder) || location.startsWith(folder.endsWith("/") ? folder : folder + "/");
    }
}
