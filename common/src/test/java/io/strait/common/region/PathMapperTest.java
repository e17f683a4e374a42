package io.strait.common.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class PathMapperTest {
    private static final RegionId A = RegionId.of("us-east");
    private static final RegionId B = RegionId.of("eu-west");

    private static final Map<String, String> SOURCE_ROOTS = ordered(
            "warehouse", "file:/a",
            "external", "file:/a/ext",
            "deep", "file:///a/ext/deep/",
            "raw", "hdfs://nn-a:8020/data/raw",
            "scratch", "hdfs://nn-a:8020/scratch");
    private static final Map<String, String> TARGET_ROOTS = ordered(
            "warehouse", "file:///b/wh/",
            "external", "file:/b/external",
            "deep", "file:/b/deep",
            "raw", "hdfs://nn-b/data/raw");

    private final PathMapper mapper = new PathMapper(A, SOURCE_ROOTS, B, TARGET_ROOTS);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // under one root: the path below the root is kept
            "file:/a/ext/db/t/ds=1,              file:/b/external/db/t/ds=1",
            // the root itself
            "file:/a/ext,                        file:/b/external",
            // longest root wins: deep over external over warehouse
            "file:/a/ext/deep/t,                 file:/b/deep/t",
            "file:/a/ext/deeper/t,               file:/b/external/deeper/t",
            "file:/a/other/t,                    file:/b/wh/other/t",
            // segment boundaries: file:/a/ext does not own file:/a/external2
            "file:/a/external2/t,                file:/b/wh/external2/t",
            "file:/a/ext2,                       file:/b/wh/ext2",
            // local spellings and trailing slashes
            "file:///a/ext/db/t,                 file:/b/external/db/t",
            "file://localhost/a/ext/db/t,        file:/b/external/db/t",
            "file:/a/ext/db/t/,                  file:/b/external/db/t",
            "file:///a/ext/,                     file:/b/external",
            // hdfs: authority and port are part of the root
            "hdfs://nn-a:8020/data/raw/db/t,     hdfs://nn-b/data/raw/db/t",
            "hdfs://nn-a:8020/data/raw,          hdfs://nn-b/data/raw",
    })
    void mapsToTheSamePlaceUnderTheTargetRoot(String source, String expected) {
        assertThat(mapper.map(source)).isEqualTo(expected);
        assertThat(mapper.tryMap(source)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "hdfs://nn-a/data/raw/t",              // no port: another authority
            "hdfs://nn-a:9000/data/raw/t",         // another port
            "hdfs://nn-other:8020/data/raw/t",     // another namenode
            "hdfs://nn-a:8020/data/rawer/t",       // not on a segment boundary
            "hdfs://nn-a:8020/scratch/t",          // a root the target does not declare
            "file:/b/wh/t",                        // a target location
            "file:/ab/t",                          // not on a segment boundary of file:/a
            "s3a://bucket/a/ext/t",                // another scheme
    })
    void unmappedLocationsAreUserErrorsThatSayWhatToDo(String location) {
        assertThat(mapper.tryMap(location)).isEmpty();
        assertThatThrownBy(() -> mapper.map(location))
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageStartingWith("Cannot map location " + location)
                .hasMessageContaining("us-east")
                .hasMessageContaining("eu-west")
                .hasMessageContaining("regions.<name>.roots");
    }

    @Test
    void aRootAtTheTopOfAFilesystemOwnsEverythingBelowIt() {
        PathMapper whole = new PathMapper(A, Map.of("all", "file:///"), B, Map.of("all", "file:/replica"));
        assertThat(whole.tryMap("file:/data/t")).contains("file:/replica/data/t");
    }

    @Test
    void aTargetRootAtTheTopOfAFilesystemKeepsOneSeparator() {
        PathMapper toTop = new PathMapper(A, Map.of("all", "file:/a"), B, Map.of("all", "file:/"));
        assertThat(toTop.tryMap("file:/a/data/t")).contains("file:/data/t");
    }

    @Test
    void theRootsGivenAreCopied() {
        Map<String, String> roots = new LinkedHashMap<>(Map.of("external", "file:/a/ext"));
        PathMapper copied = new PathMapper(A, roots, B, Map.of("external", "file:/b/ext"));
        roots.put("external", "file:/elsewhere");
        assertThat(copied.map("file:/a/ext/t")).isEqualTo("file:/b/ext/t");
    }

    @Test
    void theExampleOfTheConfigurationReferenceHolds() {
        PathMapper usToEu = new PathMapper(RegionId.of("us-east"),
                Map.of("warehouse", "hdfs://nn-us-east:8020/warehouse/external"), RegionId.of("eu-west"),
                Map.of("warehouse", "hdfs://nn-eu-west:8020/warehouse/external"));
        assertThat(usToEu.map("hdfs://nn-us-east:8020/warehouse/external/sales.db/orders/ds=1"))
                .isEqualTo("hdfs://nn-eu-west:8020/warehouse/external/sales.db/orders/ds=1");
        assertThat(usToEu.tryMap("hdfs://nn-us-east:8020/warehouse/managed/t")).isEmpty();
    }

    @Test
    void everyPathBelowARootKeepsItsRelativePath() {
        qt().forAll(roots(), roots(), relativePaths()).checkAssert((sourceRoot, targetRoot, relative) -> {
            PathMapper single = new PathMapper(A, Map.of("r", sourceRoot), B, Map.of("r", targetRoot));
            assertThat(single.map(sourceRoot + "/" + relative)).isEqualTo(targetRoot + "/" + relative);
        });
    }

    @Test
    void aSiblingThatOnlySharesTheRootsPrefixIsNeverMapped() {
        qt().forAll(roots(), segments(), relativePaths()).checkAssert((sourceRoot, tail, relative) -> {
            PathMapper single = new PathMapper(A, Map.of("r", sourceRoot), B, Map.of("r", "file:/b"));
            assertThat(single.tryMap(sourceRoot + tail + "/" + relative)).isEmpty();
        });
    }

    /** 1 to 8 characters out of a-z, 0-9, '-', '_' and '='. */
    private static Gen<String> segments() {
        List<Character> chars = "abcdefghijklmnopqrstuvwxyz0123456789-_=".chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(chars)).ofSizeBetween(1, 8)
                .map(word -> word.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<String> relativePaths() {
        return lists().of(segments()).ofSizeBetween(1, 5).map(parts -> String.join("/", parts));
    }

    private static Gen<String> roots() {
        Gen<String> filesystem = arbitrary().pick("file:/", "hdfs://nn-a:8020/", "hdfs://nn-b/", "s3a://bucket/");
        return filesystem.zip(relativePaths(), (prefix, path) -> prefix + path);
    }

    private static Map<String, String> ordered(String... namesAndUris) {
        Map<String, String> roots = new LinkedHashMap<>();
        for (int i = 0; i < namesAndUris.length; i += 2) {
            roots.put(namesAndUris[i], namesAndUris[i + 1]);
        }
        return roots;
    }
}
