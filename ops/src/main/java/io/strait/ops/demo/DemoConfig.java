package io.strait.ops.demo;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's configuration, written as an ordinary Strait YAML file into the workspace (so it doubles as an example
 * of a real two-region setup) and loaded through the same validating loader as any other.
 */
final class DemoConfig {
    private DemoConfig() {
    }

    static StraitConfig writeAndLoad(Path workspace, DemoEnvironment environment) throws IOException {
        String yaml = """
                # Written by `strait demo`: two embedded regions and the demo's state store.
                store:
                  jdbc-url: "%s"
                  user: "%s"
                  password: "%s"
                regions:
                  a:
                    metastore-uri: %s
                    roots:
                      external: %s
                  b:
                    metastore-uri: %s
                    roots:
                      external: %s
                links:
                  - name: a-to-b
                    source: a
                    target: b
                    include: ["demo.*"]
                scheduler:
                  cycle-interval: 500ms
                  job-workers: 4
                  retry-backoff: 1s
                copy:
                  parallelism: 4
                  task-target-bytes: 8MB
                """.formatted(environment.jdbcUrl(), environment.user(), environment.password(),
                environment.source().metastoreUri(), environment.source().externalRootUri(),
                environment.target().metastoreUri(), environment.target().externalRootUri());
        Path file = workspace.resolve("strait.yaml");
        Files.writeString(file, yaml);
        return new StraitConfigLoader().load(file);
    }
}
