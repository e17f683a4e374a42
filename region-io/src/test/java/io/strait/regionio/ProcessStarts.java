package io.strait.regionio;

import java.security.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counts the child processes the JVM starts while a piece of work runs: every {@code ProcessBuilder.start} (Hadoop's
 * {@code Shell} included) asks the security manager's {@code checkExec} first, so a manager that allows everything
 * and records those calls sees every fork, whichever thread makes it.
 */
public final class ProcessStarts {
    private ProcessStarts() {
    }

    /** The commands started while {@code work} ran, and its result. */
    public record Counted<T>(T result, List<String> commands) {
    }

    @SuppressWarnings({"removal", "deprecation"})
    public static <T> Counted<T> during(Supplier<T> work) {
        List<String> commands = Collections.synchronizedList(new ArrayList<>());
        SecurityManager previous = System.getSecurityManager();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
            }

            @Override
            public void checkExec(String command) {
                commands.add(command);
            }
        });
        try {
            T result = work.get();
            return new Counted<>(result, List.copyOf(commands));
        } finally {
            System.setSecurityManager(previous);
        }
    }
}
