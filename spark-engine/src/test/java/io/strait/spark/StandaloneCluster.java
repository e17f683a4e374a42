package io.strait.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine for tests: a master and workers, each a separate JVM started with this
 * JVM's class path (Spark's jars and Strait's classes). The workers start executors as JVMs of their own. Spark's
 * launcher wants a Spark home: an empty one ({@code jars/} holds nothing) makes the executors' class path exactly
 * {@code spark.executor.extraClassPath}. Closing stops the workers, their executors and the master.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;
    private final Path logs;

    private StandaloneCluster(String masterUrl, Path logs) {
        this.masterUrl = masterUrl;
        this.logs = logs;
    }

    public static StandaloneCluster start(Path workDirectory, int workers) throws IOException, InterruptedException {
        Path sparkHome = Files.createDirectories(workDirectory.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        Path logs = Files.createDirectories(workDirectory.resolve("logs"));
        int port = freePort();
        int webPort = freePort();
        StandaloneCluster cluster = new StandaloneCluster("spark://127.0.0.1:" + port, logs);
        try {
            cluster.launch("master", sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--webui-port", String.valueOf(webPort));
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(workDirectory.resolve("worker-" + w));
                cluster.launch("worker-" + w, sparkHome, "org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                        "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), cluster.masterUrl);
            }
            cluster.awaitWorkers(webPort, workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** The class path the cluster's JVMs run with, for {@code spark.executor.extraClassPath}. */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** The JVM options Spark needs on Java 17, for {@code spark.executor.extraJavaOptions}. */
    public static String javaOptions() {
        String options = System.getProperty("strait.spark.java.options", "");
        if (options.isBlank()) {
            throw new IllegalStateException("system property strait.spark.java.options is not set: run the test"
                    + " through Maven (failsafe passes the Spark JVM options)");
        }
        return options;
    }

    private void launch(String name, Path sparkHome, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOptions().trim().split("\\s+")));
        command.addAll(List.of("-Xmx256m", "-cp", classPath(), mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", sparkHome.toString());
        environment.put("SPARK_SCALA_VERSION", "2.13");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        processes.add(builder.start());
    }

    private void awaitWorkers(int webPort, int workers) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a cluster process ended with " + process.exitValue()
                            + "; see the logs in " + logs);
                }
            }
            try {
                last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher alive = ALIVE_WORKERS.matcher(last);
                if (alive.find() && Integer.parseInt(alive.group(1)) >= workers) {
                    return;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the workers did not register with the master within 120 s: " + last);
    }

    /** The executors' JVMs: children of the workers. */
    public List<ProcessHandle> executors() {
        return processes.subList(1, processes.size()).stream().flatMap(Process::descendants).toList();
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
