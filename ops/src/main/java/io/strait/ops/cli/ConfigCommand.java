package io.strait.ops.cli;

import io.strait.common.config.ConfigException;
import io.strait.common.config.ConfigProblem;
import io.strait.common.config.LinkRoots;
import io.strait.common.config.SecretRedactor;
import io.strait.common.config.StraitConfig;
import java.io.PrintWriter;
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
            description = "Validates a configuration file and lists every problem at once (exit 2 if any), then"
                    + " warnings (a link's source root the target region lacks); --online also checks that the state"
                    + " store (and its schema version) and every region's metastore answer (exit 2 if one does not);"
                    + " --json prints one JSON object. Secrets are never printed.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--json", description = "Print one JSON object: valid, problems, warnings, regions, links"
                + " (and online with --online)")
        boolean json;

        @Option(names = "--online", description = "Also connect to the state store and every region's metastore")
        boolean online;

        @Override
        public Integer call() {
            if (json) {
                return checkJson();
            }
            StraitConfig loaded = config.load();
            List<ConfigProblem> unopenable = FileSystemChecks.problems(loaded, config.file.toString());
            if (!unopenable.isEmpty()) {
                throw new ConfigException(unopenable);
            }
            SecretRedactor redactor = SecretRedactor.of(loaded);
            PrintWriter out = spec.commandLine().getOut();
            out.println(config.file + ": ok, " + loaded.regions().size() + " region(s), " + loaded.links().size()
                    + " link(s)");
            for (ConfigProblem warning : LinkRoots.unmapped(loaded, config.file.toString())) {
                out.println("  warning: " + redactor.redact(warning.toString()));
            }
            if (!online) {
                return 0;
            }
            boolean allOk = true;
            for (OnlineChecks.Result result : OnlineChecks.run(loaded, config.file)) {
                out.println("  online: " + redactor.redact(result.line()));
                allOk &= result.ok();
            }
            return allOk ? 0 : 2;
        }

        /**
         * {@code {"file", "valid", "problems": [{field, message, fix}], "warnings": [...], "regions": [...],
         * "links": [...], "online": [{service, address, ok, detail}]}}.
         */
        private int checkJson() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", config.file.toString());
            List<ConfigProblem> problems = List.of();
            List<ConfigProblem> warnings = List.of();
            List<String> regions = List.of();
            List<Map<String, Object>> links = new ArrayList<>();
            List<Map<String, Object>> services = new ArrayList<>();
            SecretRedactor redactor = new SecretRedactor();
            try {
                StraitConfig loaded = config.load();
                redactor = SecretRedactor.of(loaded);
                problems = FileSystemChecks.problems(loaded, config.file.toString());
                warnings = LinkRoots.unmapped(loaded, config.file.toString());
                regions = loaded.regions().keySet().stream().map(Object::toString).sorted().toList();
                for (StraitConfig.LinkConfig link : loaded.links()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", link.name());
                    entry.put("source", link.source().name());
                    entry.put("target", link.target().name());
                    entry.put("slaMs", link.sla().toMillis());
                    links.add(entry);
                }
                if (online) {
                    for (OnlineChecks.Result result : OnlineChecks.run(loaded, config.file)) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("service", result.service());
                        entry.put("address", redactor.redact(result.address()));
                        entry.put("ok", result.ok());
                        entry.put("detail", redactor.redact(result.detail()));
                        services.add(entry);
                    }
                }
            } catch (ConfigException e) {
                problems = e.problems();
            }
            answer.put("valid", problems.isEmpty());
            answer.put("problems", json(problems, redactor));
            answer.put("warnings", json(warnings, redactor));
            answer.put("regions", regions);
            answer.put("links", links);
            if (online) {
                answer.put("online", services);
            }
            CliJson.print(spec.commandLine().getOut(), answer);
            boolean servicesOk = services.stream().allMatch(service -> Boolean.TRUE.equals(service.get("ok")));
            return problems.isEmpty() && servicesOk ? 0 : 2;
        }

        private static List<Map<String, Object>> json(List<ConfigProblem> problems, SecretRedactor redactor) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (ConfigProblem problem : problems) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("field", problem.field());
                entry.put("message", redactor.redact(problem.message()));
                entry.put("fix", redactor.redact(problem.fix()));
                entries.add(entry);
            }
            return entries;
        }
    }
}
