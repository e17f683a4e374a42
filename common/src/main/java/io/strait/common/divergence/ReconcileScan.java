package io.strait.common.divergence;

import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Objects;

/**
 * The result of reconciling one table between two regions.
 *
 * @param source the source region
 * @param target the target region
 * @param table the table checked
 * @param startedAtMillis when the scan started
 * @param finishedAtMillis when it finished
 * @param status CONSISTENT, DIVERGENT or FAILED (could not check)
 * @param objectsChecked partitions (or the table, if unpartitioned) compared
 * @param filesChecked files compared by checksum
 * @param divergences what differs, empty when consistent
 * @param error why the scan could not check, empty otherwise
 */
public record ReconcileScan(RegionId source, RegionId target, TableRef table, long startedAtMillis,
        long finishedAtMillis, Status status, int objectsChecked, long filesChecked, List<Divergence> divergences,
        String error) {
    public enum Status { CONSISTENT, DIVERGENT, FAILED }

    public ReconcileScan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(status, "status");
        divergences = List.copyOf(Objects.requireNonNullElse(divergences, List.of()));
        error = error == null ? "" : error;
    }
}
