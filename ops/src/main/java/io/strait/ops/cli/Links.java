package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.error.StraitException;

/** Picks the link a command works on. */
final class Links {
    private Links() {
    }

    static LinkConfig choose(StraitConfig config, String name) {
        if (name == null) {
            if (config.links().size() == 1) {
                return config.links().get(0);
            }
            throw StraitException.userError("Cannot choose a link: the configuration has "
                    + config.links().size() + " links; pass --link with one of "
                    + config.links().stream().map(LinkConfig::name).toList());
        }
        return config.link(name).orElseThrow(() -> StraitException.userError("Cannot find link '" + name
                + "': the configuration has " + config.links().stream().map(LinkConfig::name).toList()));
    }
}
