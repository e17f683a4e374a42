package io.strait.embedded;

import io.strait.common.error.StraitException;
import io.strait.embedded.child.OrphanGuard;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM (metastore or schema tool) with its own classpath, its output appended to a log file. It runs under
 * {@link OrphanGuard}, so it exits when this JVM goes away; a shutdown hook also stops it when this JVM exits
 * normally. {@link #close()} stops it and its children and waits for the exit.
 */
final class ChildJvm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Thread shutdownHook;

    /** What to run: a main class with arguments on a classpath, in a working directory, output to a log file. */
    record Spec(String name, List<Path> classpath, List<String> jvmOptions, String mainClass, List<String> arguments,
            Map<String, String> environment, Path workingDirectory, Path logFile) {
        Spec {
            Objects.requireNonNull(name, "name");
            classpath = List.copyOf(classpath);
            jvmOptions = List.copyOf(jvmOptions);
            Objects.requireNonNull(mainClass, "mainClass");
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(workingDirectory, "workingDirectory");
            Objects.requireNonNull(logFile, "logFile");
        }
    }

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "strait-stop-" + name);
    }

    static ChildJvm start(Spec spec) {
        ProcessBuilder builder = new ProcessBuilder(command(spec))
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        builder.environment().putAll(spec.environment());
        try {
            ChildJvm child = new ChildJvm(spec.name(), builder.start());
            Runtime.getRuntime().addShutdownHook(child.shutdownHook);
            LOG.info("child {} started: pid {}, main {}, log {}", spec.name(), child.process.pid(),
                    spec.mainClass(), spec.logFile());
            return child;
        } catch (IOException e) {
            throw StraitException.external("Cannot start child process " + spec.name() + ": " + e.getMessage()
                    + " (java " + javaExecutable() + ")", e);
        }
    }

    private static List<String> command(Spec spec) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(classpathString(spec.classpath()));
        command.add(OrphanGuard.class.getName());
        command.add(spec.mainClass());
        command.addAll(spec.arguments());
        return command;
    }

    private static String classpathString(List<Path> classpath) {
        List<String> entries = new ArrayList<>();
        classpath.forEach(entry -> entries.add(entry.toString()));
        entries.add(guardLocation().toString());
        return String.join(File.pathSeparator, entries);
    }

    /** The jar or classes folder holding {@link OrphanGuard}. */
    private static Path guardLocation() {
        try {
            return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate Strait's embedded classes", e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the exit; the exit status, or -1 when still running. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran already
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("child {} (pid {}) did not stop within {}: killing it", name, process.pid(), GRACEFUL_STOP);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("child {} (pid {}) stopped", name, process.pid());
    }
}
