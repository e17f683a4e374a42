package io.strait.common.region;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocationsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "file:///data/a,            file:/data/a",
            "file://localhost/data/a,   file:/data/a",
            "file:/data/a,              file:/data/a",
            "file:/data/a/,             file:/data/a",
            "file:///data/a/,           file:/data/a",
            "file:/,                    file:/",
            "file:///,                  file:/",
            "hdfs://nn:8020/warehouse,  hdfs://nn:8020/warehouse",
            "hdfs://nn:8020/warehouse/, hdfs://nn:8020/warehouse",
            "hdfs://nn:8020/,           hdfs://nn:8020",
            "hdfs://nn/a/b/,            hdfs://nn/a/b",
            "s3a://bucket/key/,         s3a://bucket/key",
            "file://otherhost/data,     file://otherhost/data",
            "/,                         /",
    })
    void canonicalSpelling(String uri, String expected) {
        assertThat(Locations.canonical(uri)).isEqualTo(expected);
    }

    /** "trailing slashes are removed": all of them, not only the last one. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "file:/data/a//,           file:/data/a",
            "hdfs://nn:8020/w///,      hdfs://nn:8020/w",
    })
    void everyTrailingSlashIsRemoved(String uri, String expected) {
        assertThat(Locations.canonical(uri)).isEqualTo(expected);
    }

    @Property
    void canonicalIsIdempotent(@ForAll("locations") String uri) {
        String once = Locations.canonical(uri);
        assertThat(Locations.canonical(once)).isEqualTo(once);
    }

    @Property
    void allLocalSpellingsAgree(@ForAll("paths") String path) {
        String expected = Locations.canonical("file:/" + path);
        assertThat(Locations.canonical("file:///" + path)).isEqualTo(expected);
        assertThat(Locations.canonical("file://localhost/" + path)).isEqualTo(expected);
        assertThat(Locations.canonical("file:/" + path + "/")).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-', '_', '=')
                .ofMinLength(1).ofMaxLength(8).list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<String> locations() {
        Arbitrary<String> prefix = Arbitraries.of("file:/", "file:///", "file://localhost/", "hdfs://nn:8020/",
                "s3a://bucket/");
        Arbitrary<String> suffix = Arbitraries.of("", "/");
        return net.jqwik.api.Combinators.combine(prefix, paths(), suffix).as((p, path, s) -> p + path + s);
    }
}
