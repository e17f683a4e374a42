package io.strait.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Reads the {@code spark} section ({@link SparkConfig}), every problem reported at once. */
final class SparkSection {
    private static final Set<String> KEYS = Set.of("enabled", "master", "copy-threshold", "row-sample", "conf");

    private SparkSection() {
    }

    static SparkConfig read(ConfigReader reader, JsonNode node) {
        String prefix = "spark";
        reader.rejectUnknownKeys(node, prefix, KEYS);
        String enabled = reader.string(node, prefix, ConfigKeys.SPARK_ENABLED).trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            reader.problem("spark.enabled", "'" + enabled + "' is not a boolean", "use true or false");
        }
        String master = reader.string(node, prefix, ConfigKeys.SPARK_MASTER).trim();
        if (master.isEmpty()) {
            reader.problem("spark.master", "is empty", "use local[*], spark://host:7077 or yarn");
            master = ConfigKeys.SPARK_MASTER.defaultValue();
        }
        return new SparkConfig(enabled.equals("true"), master,
                reader.dataSize(node, prefix, ConfigKeys.SPARK_COPY_THRESHOLD),
                Math.max(1, reader.integer(node, prefix, ConfigKeys.SPARK_ROW_SAMPLE, 1, 10_000)),
                reader.stringMap(reader.section(node, prefix, "conf", false), "spark.conf"));
    }
}
