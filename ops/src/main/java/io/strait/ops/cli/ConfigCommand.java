package io.strait.ops.cli;

import io.strait.common.config.ConfigException;
import io.strait.common.config.ConfigProblem;
import io.strait.common.config.StraitConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration tools.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand {
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates a configuration file and lists every problem at once (exit 2 if any);"
                    + " --json prints one JSON object.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--json", description = "Print one JSON object: valid, the problems or the links")
        boolean json;

        @Override
        public Integer call() {
            if (json) {
                return checkJson();
            }
            StraitConfig loaded = config.load();
            spec.commandLine().getOut().println(config.file + ": ok, " + loaded.regions().size() + " region(s), "
                    + loaded.links().size() + " link(s)");
            return 0;
        }

        /** {@code {"file", "valid", "problems": [{field, message, fix}], "regions": [...], "links": [...]}}. */
        private int checkJson() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", config.file.toString());
            List<Map<String, Object>> problems = new ArrayList<>();
            List<String> regions = List.of();
            List<Map<String, Object>> links = new ArrayList<>();
            try {
                StraitConfig loaded = config.load();
                regions = loaded.regions().keySet().stream().map(Object::toString).sorted().toList();
                for (StraitConfig.LinkConfig link : loaded.links()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", link.name());
                    entry.put("source", link.source().name());
                    entry.put("target", link.target().name());
                    entry.put("slaMs", link.sla().toMillis());
                    links.add(entry);
                }
            } catch (ConfigException e) {
                for (ConfigProblem problem : e.problems()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("field", problem.field());
                    entry.put("message", problem.message());
                    entry.put("fix", problem.fix());
                    problems.add(entry);
                }
            }
            answer.put("valid", problems.isEmpty());
            answer.put("problems", problems);
            answer.put("regions", regions);
            answer.put("links", links);
            CliJson.print(spec.commandLine().getOut(), answer);
            return problems.isEmpty() ? 0 : 2;
        }
    }
}
