package io.strait.embedded;

import java.util.List;

/** JVM options of Strait's metastore child processes: a small heap and fast start-up on few cores. */
final class ChildJvmOptions {
    private ChildJvmOptions() {
    }

    static List<String> standard() {
        return List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");
    }
}
