package io.strait.ops.cli;

import io.strait.common.config.ConfigProblem;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.regionio.FileSystemSchemes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config check}: every region root's scheme must have its Hadoop {@code FileSystem} class on this class path
 * (object stores' connectors are optional parts); a missing one is a problem naming the region, the scheme and
 * the part to add.
 */
final class FileSystemChecks {
    private FileSystemChecks() {
    }

    static List<ConfigProblem> problems(StraitConfig config, String file) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (RegionConfig region : config.regions().values()) {
            for (Map.Entry<String, String> root : region.roots().entrySet()) {
                Optional<String> missing = FileSystemSchemes.missing(root.getValue(), region.hadoop());
                if (missing.isPresent()) {
                    String scheme = URI.create(root.getValue()).getScheme();
                    problems.add(new ConfigProblem(file, "regions." + region.name() + ".roots." + root.getKey(),
                            "region " + region.name() + " cannot open " + root.getValue() + ": " + missing.get(),
                            FileSystemSchemes.optionalPart(scheme)));
                }
            }
        }
        return problems;
    }
}
