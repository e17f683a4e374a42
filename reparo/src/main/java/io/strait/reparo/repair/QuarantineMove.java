package io.strait.reparo.repair;

import io.strait.common.job.ObjectRef;
import java.util.Objects;

/**
 * A data folder of an extra object that moves to the quarantine once the job dropping the object has succeeded.
 *
 * @param object the dropped table or partition
 * @param location the folder as the target metastore located the object before the drop
 * @param name where it goes below the quarantine folder: {@code <db>/<table>[/<partition name>]}
 */
public record QuarantineMove(ObjectRef object, String location, String name) {
    public QuarantineMove {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
    }
}
