package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration tools.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand {
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates a configuration file and lists every problem at once (exit 2 if any).")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            StraitConfig loaded = config.load();
            spec.commandLine().getOut().println(config.file + ": ok, " + loaded.regions().size() + " region(s), "
                    + loaded.links().size() + " link(s)");
            return 0;
        }
    }
}
