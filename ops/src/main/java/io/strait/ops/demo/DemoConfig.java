package io.strait.ops.demo;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's configuration, written as an ordinary Strait YAML file into the workspace (so it doubles as an example
 * of a real two-region setup) and loaded through the same validating loader as any other.
 */
final class DemoConfig {
    private static final Duration CYCLE_INTERVAL = Duration.ofMillis(500);

    private DemoConfig() {
    }

    static Path file(Path workspace) {
        return workspace.resolve("strait.yaml");
    }

    static StraitConfig writeAndLoad(Path workspace, DemoEnvironment environment) throws IOException {
        String yaml = new TwoRegionYaml(environment.jdbcUrl(), environment.user(), environment.password(),
                environment.source(), environment.target(), DemoWriter.DATABASE + ".*", CYCLE_INTERVAL).render();
        Path file = file(workspace);
        Files.writeString(file, yaml);
        return new StraitConfigLoader().load(file);
    }
}
