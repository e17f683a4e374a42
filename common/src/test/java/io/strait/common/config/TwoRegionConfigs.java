package io.strait.common.config;

/** Two-region configurations (a -> b) for tests of one region's settings, loaded as from {@code strait.yaml}. */
final class TwoRegionConfigs {
    private TwoRegionConfigs() {
    }

    /** Regions on local roots; {@code settingsOfA} (e.g. {@code ", listener-silence: 5m"}) added to region a. */
    static StraitConfig withRegionA(String settingsOfA) {
        return new StraitConfigLoader().parse("""
                store: {jdbc-url: "jdbc:mysql://db:3306/strait"}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {w: "file:/a"}%s}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {w: "file:/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(settingsOfA), "strait.yaml");
    }

    /** Regions on HDFS roots; {@code settingsOfB} added to region b. */
    static StraitConfig onHdfsWithRegionB(String settingsOfB) {
        return new StraitConfigLoader().parse("""
                store: {jdbc-url: "jdbc:mysql://db:3306/strait"}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {w: "hdfs://nn-a:8020/w"}}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {w: "hdfs://nn-b:8020/w"}%s}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(settingsOfB), "strait.yaml");
    }
}
