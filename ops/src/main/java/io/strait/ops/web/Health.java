package io.strait.ops.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code /health}: {@code UP} when every probe is up, else {@code DOWN} with the failing components
 * named, e.g. {@code {"status":"DOWN","stateStore":"unreachable","components":{"stateStore":"DOWN",
 * "metastore:a":"UP","scheduler":"DOWN"},"failing":["stateStore","scheduler"]}}.
 */
final class Health {
    private Health() {
    }

    static Map<String, Object> check(List<HealthProbe> probes) {
        Map<String, String> components = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        for (HealthProbe probe : probes) {
            boolean up = probe.up();
            components.put(probe.name(), up ? "UP" : "DOWN");
            if (!up) {
                failing.add(probe.name());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing.isEmpty() ? "UP" : "DOWN");
        if (components.containsKey("stateStore")) {
            body.put("stateStore", components.get("stateStore").equals("UP") ? "reachable" : "unreachable");
        }
        body.put("components", components);
        body.put("failing", failing);
        return body;
    }
}
