package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait config check} on regions whose roots need object-store connectors: a scheme without its Hadoop
 * FileSystem class on the class path (abfs, gs: not shipped) fails the check with exit 2, naming the region, the
 * root, the scheme and the part to add; s3a (its part on this class path) and file: pass.
 */
class ConfigCheckFileSystemsTest {
    @TempDir
    Path work;

    private Path config(String lakeRoot) throws Exception {
        return Files.writeString(work.resolve("strait.yaml"), """
                store: {jdbc-url: "jdbc:mysql://127.0.0.1:3306/strait_fs_check", user: root}
                regions:
                  local: {metastore-uri: "thrift://127.0.0.1:1", roots: {w: "file:/tmp/strait-local/w"}}
                  s3: {metastore-uri: "thrift://127.0.0.1:1", roots: {w: "s3a://bucket/w"}}
                  lake: {metastore-uri: "thrift://127.0.0.1:1", roots: {w: "%s"}}
                links:
                  - {name: local-to-s3, source: local, target: s3}
                  - {name: local-to-lake, source: local, target: lake}
                """.formatted(lakeRoot));
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result check(Path file, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("config", "check", "--config",
                file.toString()), java.util.Arrays.stream(more)).toArray(String[]::new);
        int code = StraitCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void anAbfsRootWithoutHadoopAzureFailsNamingTheRegionTheSchemeAndThePart() throws Exception {
        Result result = check(config("abfs://data@account.dfs.core.windows.net/w"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("regions.lake.roots.w", "region lake", "scheme 'abfs'", "hadoop-azure")
                .doesNotContain("regions.s3", "regions.local", "\tat ");
    }

    @Test
    void aGsRootWithoutTheConnectorFailsInJsonToo() throws Exception {
        Result result = check(config("gs://bucket/w"), "--json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).contains("\"valid\" : false", "regions.lake.roots.w", "scheme 'gs'", "gcs-connector");
    }

    @Test
    void shippedSchemesPass() throws Exception {
        Result result = check(config("hdfs://lake-nn:8020/w"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(": ok, 3 region(s)");
    }
}
