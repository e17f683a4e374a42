package io.strait.ops.demo;

import io.strait.embedded.EmbeddedRegion;
import java.time.Duration;

/**
 * A Strait configuration for two embedded regions {@code a} and {@code b} linked {@code a-to-b}, as YAML text:
 * the demo writes it into its workspace, tests into their work folders.
 *
 * @param jdbcUrl the state store URL
 * @param user the state store user
 * @param password the state store password
 * @param source region a
 * @param target region b
 * @param include the link's table pattern
 * @param cycleInterval the scheduler's cycle interval
 * @param schedulerSettings further {@code scheduler:} settings (key to value), e.g. {@code partition-batch}
 */
public record TwoRegionYaml(String jdbcUrl, String user, String password, EmbeddedRegion source,
        EmbeddedRegion target, String include, Duration cycleInterval, java.util.Map<String, String> schedulerSettings) {

    public TwoRegionYaml {
        schedulerSettings = java.util.Map.copyOf(schedulerSettings);
    }

    /** With the scheduler's default settings but the cycle interval and 8 job workers. */
    public TwoRegionYaml(String jdbcUrl, String user, String password, EmbeddedRegion source, EmbeddedRegion target,
            String include, Duration cycleInterval) {
        this(jdbcUrl, user, password, source, target, include, cycleInterval, java.util.Map.of());
    }

    public String render() {
        return """
                # Two embedded regions; region a's metastore runs Strait's listener.
                store:
                  jdbc-url: "%s"
                  user: "%s"
                  password: "%s"
                regions:
                  a:
                    metastore-uri: %s
                    roots:
                      external: %s
                  b:
                    metastore-uri: %s
                    roots:
                      external: %s
                links:
                  - name: a-to-b
                    source: a
                    target: b
                    include: ["%s"]
                scheduler:
                  cycle-interval: %dms
                  job-workers: 8
                  retry-backoff: 1s
                  %s
                copy:
                  parallelism: 4
                  task-target-bytes: 8MB
                """.formatted(jdbcUrl, user, password.replace("${", "$${"), source.metastoreUri(), source.externalRootUri(),
                target.metastoreUri(), target.externalRootUri(), include, cycleInterval.toMillis(),
                        schedulerLines());
    }

    private String schedulerLines() {
        return String.join("\n  ", new java.util.TreeMap<>(schedulerSettings).entrySet().stream()
                .map(setting -> setting.getKey() + ": " + setting.getValue()).toList());
    }
}
