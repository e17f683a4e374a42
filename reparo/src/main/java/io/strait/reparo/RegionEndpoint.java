package io.strait.reparo;

import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import java.util.Objects;

/** One region as reconcile reads it: its metastore and its filesystem, both of the same region. */
public record RegionEndpoint(MetastoreGateway metastore, RegionFileSystem fileSystem) {
    public RegionEndpoint {
        Objects.requireNonNull(metastore, "metastore");
        Objects.requireNonNull(fileSystem, "fileSystem");
        if (!metastore.region().equals(fileSystem.region())) {
            throw new IllegalArgumentException("metastore of region " + metastore.region()
                    + " paired with filesystem of region " + fileSystem.region());
        }
    }

    public RegionId region() {
        return metastore.region();
    }
}
