package io.strait.common.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

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

    @Test
    void canonicalIsIdempotent() {
        qt().forAll(locations()).checkAssert(uri -> {
            String once = Locations.canonical(uri);
            assertThat(Locations.canonical(once)).isEqualTo(once);
        });
    }

    @Test
    void allLocalSpellingsAgree() {
        qt().forAll(paths()).checkAssert(path -> {
            String expected = Locations.canonical("file:/" + path);
            assertThat(Locations.canonical("file:///" + path)).isEqualTo(expected);
            assertThat(Locations.canonical("file://localhost/" + path)).isEqualTo(expected);
            assertThat(Locations.canonical("file:/" + path + "/")).isEqualTo(expected);
        });
    }

    /** One to five segments of 1 to 8 characters out of a-z, 0-9, '-', '_' and '=', joined by '/'. */
    private static Gen<String> paths() {
        List<Character> chars = "abcdefghijklmnopqrstuvwxyz0123456789-_=".chars().mapToObj(c -> (char) c).toList();
        Gen<String> segment = lists().of(arbitrary().pick(chars)).ofSizeBetween(1, 8)
                .map(word -> word.stream().map(String::valueOf).collect(Collectors.joining()));
        return lists().of(segment).ofSizeBetween(1, 5).map(parts -> String.join("/", parts));
    }

    private static Gen<String> locations() {
        Gen<String> prefix = arbitrary().pick("file:/", "file:///", "file://localhost/", "hdfs://nn:8020/",
                "s3a://bucket/");
        return prefix.zip(paths(), arbitrary().pick("", "/"), (p, path, s) -> p + path + s);
    }
}
