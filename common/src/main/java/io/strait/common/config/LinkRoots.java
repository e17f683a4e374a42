package io.strait.common.config;

import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Roots a link cannot map: a location under source root {@code R} is replicated under the target's root named
 * {@code R}, so a source root without a same-named target root fails every job of a table under it. Not an error
 * of the file (the link's patterns may keep such tables out), a warning {@code strait config check} prints. Pure.
 */
public final class LinkRoots {
    private LinkRoots() {
    }

    /** One warning per link and source root the target region does not declare, naming the fix. */
    public static List<ConfigProblem> unmapped(StraitConfig config, String file) {
        List<ConfigProblem> warnings = new ArrayList<>();
        for (int i = 0; i < config.links().size(); i++) {
            LinkConfig link = config.links().get(i);
            RegionConfig source = config.regions().get(link.source());
            RegionConfig target = config.regions().get(link.target());
            if (source == null || target == null) {
                continue;
            }
            for (String root : new TreeSet<>(source.roots().keySet())) {
                if (!target.roots().containsKey(root)) {
                    warnings.add(new ConfigProblem(file, "links[" + i + "]", "link " + link.name() + ": source region "
                            + link.source() + " has root '" + root + "' (" + source.roots().get(root) + "), target region "
                            + link.target() + " has none of that name; jobs of tables under it will fail",
                            "declare regions." + link.target() + ".roots." + root + ", or exclude the tables under it"
                                    + " from the link"));
                }
            }
        }
        return warnings;
    }
}
