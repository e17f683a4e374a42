package io.strait.common.config;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found (not just the first). */
public final class ConfigException extends StraitException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(ErrorCategory.USER_ERROR, "Cannot use configuration: " + problems.size() + " problem(s)\n"
                + problems.stream().map(problem -> "  - " + problem).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
