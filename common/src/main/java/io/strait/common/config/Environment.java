package io.strait.common.config;

import java.util.Optional;

/**
 * Where {@code ${env:NAME}} references of a configuration are looked up: the process environment in production,
 * a map in tests.
 */
@FunctionalInterface
public interface Environment {
    /** The value of variable {@code name}, empty when it is not set. */
    Optional<String> variable(String name);

    /** The environment of this process. */
    static Environment ofProcess() {
        return name -> Optional.ofNullable(System.getenv(name));
    }
}
