package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.region.PathMapper;
import io.strait.scheduler.run.LinkRuntime;
import io.strait.common.copy.CopyExecutor;
import io.strait.sync.MetastoreReplicaPublisher;
import java.util.Map;

/** Builds a link's runtime from the configuration and the regions' clients. */
final class LinkAssembly {
    private LinkAssembly() {
    }

    static LinkRuntime assemble(StraitConfig config, LinkConfig link, Map<String, RegionClients> regions,
            CopyExecutor copyExecutor) {
        RegionClients source = regions.get(link.source().name());
        RegionClients target = regions.get(link.target().name());
        PathMapper mapper = config.pathMapper(link);
        return new LinkRuntime(link.name(), link.source(), link.target(), link.tableFilter(), source.metastore(),
                source.fileSystem(), target.fileSystem(), mapper, copyExecutor,
                new MetastoreReplicaPublisher(target.metastore(), mapper));
    }
}
