package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.region.RegionId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code regions.<name>.kerberos}: none by default; principal and keytab together; a keytab that can be read. */
class RegionKerberosConfigTest {
    @TempDir
    static Path work;

    private static StraitConfig parse(String kerberosOfB) {
        return TwoRegionConfigs.onHdfsWithRegionB(kerberosOfB);
    }

    @Test
    void withoutASectionTheRegionHasNoLogin() {
        StraitConfig.KerberosConfig kerberos = parse("").region(RegionId.of("b")).kerberos();

        assertThat(kerberos).isEqualTo(StraitConfig.KerberosConfig.NONE);
        assertThat(kerberos.enabled()).isFalse();
    }

    @Test
    void aPrincipalWithAReadableKeytabIsTheRegionsLogin() throws Exception {
        Path keytab = Files.write(work.resolve("strait-b.keytab"), new byte[] {5, 2});

        StraitConfig.KerberosConfig kerberos = parse(", kerberos: {principal: \"strait/h@EXAMPLE.COM\", keytab: \""
                + keytab + "\"}").region(RegionId.of("b")).kerberos();

        assertThat(kerberos).isEqualTo(new StraitConfig.KerberosConfig("strait/h@EXAMPLE.COM", keytab.toString()));
        assertThat(kerberos.enabled()).isTrue();
        assertThat(parse("").region(RegionId.of("a")).kerberos().enabled()).as("the other region").isFalse();
    }

    @Test
    void sparkCopiesAreAcceptedWithAKerberosRegion() throws Exception {
        Path keytab = Files.write(work.resolve("s.keytab"), new byte[] {5, 2});

        StraitConfig config = new StraitConfigLoader().parse("""
                store: {jdbc-url: "jdbc:mysql://db:3306/strait"}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {w: "hdfs://nn-a:8020/w"}}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {w: "hdfs://nn-b:8020/w"},
                      kerberos: {principal: p@EXAMPLE.COM, keytab: "%s"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                spark: {enabled: true}
                """.formatted(keytab), "strait.yaml");

        assertThat(config.spark().enabled()).as("Spark reaches region b through delegation tokens").isTrue();
        assertThat(config.region(RegionId.of("b")).kerberos().enabled()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no keytab          | principal: p@EXAMPLE.COM                          | regions.b.kerberos.keytab     | is required",
        "no principal       | keytab: KEYTAB                                    | regions.b.kerberos.principal  | is required",
        "missing keytab     | principal: p@EXAMPLE.COM, keytab: /no/such.keytab | regions.b.kerberos.keytab     | '/no/such.keytab' is not a readable file",
        "a folder as keytab | principal: p@EXAMPLE.COM, keytab: FOLDER          | regions.b.kerberos.keytab     | is not a readable file",
        "an unknown key     | principal: p@EXAMPLE.COM, keytab: KEYTAB, realm: X | regions.b.kerberos.realm     | unknown key"})
    void aBadSectionIsAProblemNamingTheFieldAndTheFix(String name, String section, String field, String message)
            throws Exception {
        Path keytab = Files.write(work.resolve("k.keytab"), new byte[] {5, 2});
        String resolved = section.replace("KEYTAB", keytab.toString()).replace("FOLDER", work.toString());

        assertThatThrownBy(() -> parse(", kerberos: {" + resolved + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strait.yaml")
                .hasMessageContaining(field)
                .hasMessageContaining(message);
    }
}
