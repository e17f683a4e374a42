package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by commands that need a configuration file. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Strait's YAML configuration (see docs/CONFIGURATION.md)")
    Path file;

    StraitConfig load() {
        return new StraitConfigLoader().load(file);
    }
}
