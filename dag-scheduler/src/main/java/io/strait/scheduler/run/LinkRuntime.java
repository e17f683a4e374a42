package io.strait.scheduler.run;

import io.strait.common.config.TableFilter;
import io.strait.common.copy.CopyExecutor;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.publish.ReplicaPublisher;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import java.util.Objects;

/**
 * Everything the scheduler needs to run one link's jobs, all through SPIs: the source region's metastore and
 * filesystem (for plans), the target filesystem (to create empty version folders), the path mapping, the copy
 * executor and the replica publisher (the data plane).
 */
public record LinkRuntime(String name, RegionId source, RegionId target, TableFilter tableFilter,
        MetastoreGateway sourceMetastore, RegionFileSystem sourceFileSystem, RegionFileSystem targetFileSystem,
        PathMapper pathMapper, CopyExecutor copyExecutor, ReplicaPublisher publisher) {
    public LinkRuntime {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(tableFilter, "tableFilter");
        Objects.requireNonNull(sourceMetastore, "sourceMetastore");
        Objects.requireNonNull(sourceFileSystem, "sourceFileSystem");
        Objects.requireNonNull(targetFileSystem, "targetFileSystem");
        Objects.requireNonNull(pathMapper, "pathMapper");
        Objects.requireNonNull(copyExecutor, "copyExecutor");
        Objects.requireNonNull(publisher, "publisher");
    }
}
