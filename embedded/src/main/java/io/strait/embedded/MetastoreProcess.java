package io.strait.embedded;

import io.strait.common.error.StraitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts {@code HiveMetaStore} in a child JVM and waits until its Thrift port accepts connections. */
final class MetastoreProcess {
    static final String MAIN_CLASS = "org.apache.hadoop.hive.metastore.HiveMetaStore";
    private static final Logger LOG = LoggerFactory.getLogger(MetastoreProcess.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;
    private static final int BIND_FAILURE_SEARCH_LINES = 400;
    private static final String BIND_FAILURE = "java.net.BindException";

    private MetastoreProcess() {
    }

    /** The running metastore, or a failure naming the reason with the log tail (the process is stopped then). */
    static ChildJvm start(String region, List<Path> classpath, Path confDirectory, Path workDirectory, int port,
            Path logFile, Duration timeout, List<String> extraOptions) {
        long started = System.nanoTime();
        List<String> options = jvmOptions(confDirectory, workDirectory);
        options.addAll(extraOptions);
        ChildJvm.Spec spec = new ChildJvm.Spec(region + "-metastore", classpath, options, MAIN_CLASS, List.of("-p", Integer.toString(port)), Map.of(), workDirectory, logFile);
        LogWatch serving = LogWatch.fromEnd(logFile, "Started the new metaserver on port [" + port + "]");
        ChildJvm metastore = ChildJvm.start(spec);
        try {
            awaitPort(region, metastore, port, serving, logFile, timeout);
        } catch (RuntimeException e) {
            metastore.close();
            throw e;
        }
        LOG.info("region {} metastore answers on port {} after {} ms (pid {})", region, port,
                (System.nanoTime() - started) / 1_000_000, metastore.pid());
        return metastore;
    }

    private static List<String> jvmOptions(Path confDirectory, Path workDirectory) {
        List<String> options = new ArrayList<>(ChildJvmOptions.standard());
        options.add("-Dlog4j2.configurationFile="
                + confDirectory.resolve(MetastoreSettings.LoggingConfig.FILE_NAME).toUri());
        options.add("-Dderby.stream.error.file=" + workDirectory.resolve("derby.log"));
        return options;
    }

    /**
     * Waits until the metastore logs that it serves on {@code port} (it logs so after binding the port, so an
     * answer from another process on that port is not mistaken for it) and the port answers.
     */
    private static void awaitPort(String region, ChildJvm metastore, int port, LogWatch serving, Path logFile,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean bound = false;
        while (true) {
            bound = bound || serving.seen();
            if (bound && PortProbe.answers(port)) {
                return;
            }
            if (!metastore.isAlive()) {
                throw exitFailure(region, port, logFile);
            }
            if (System.nanoTime() > deadline) {
                throw failure(region, "port " + port + " did not answer within " + timeout, logFile);
            }
            sleep(region, logFile);
        }
    }

    private static StraitException exitFailure(String region, int port, Path logFile) {
        if (LogTail.of(logFile, BIND_FAILURE_SEARCH_LINES).contains(BIND_FAILURE)) {
            return new PortTakenException(failure(region, "port " + port + " is taken", logFile));
        }
        return failure(region, "the process exited before its port " + port + " answered", logFile);
    }

    private static void sleep(String region, Path logFile) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(region, "interrupted while waiting for the port", logFile);
        }
    }

    /** The metastore could not bind its port: another process took it since it was picked. */
    static final class PortTakenException extends StraitException {
        PortTakenException(StraitException failure) {
            super(failure.category(), failure.getMessage());
        }
    }

    private static StraitException failure(String region, String reason, Path logFile) {
        return StraitException.external("Cannot start the metastore of region " + region + ": " + reason
                + " (log " + logFile + "; last lines below)\n" + LogTail.of(logFile, LOG_TAIL_LINES), null);
    }
}
