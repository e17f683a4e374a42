package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreTlsTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DISABLED        | sslMode=DISABLED",
        "PREFERRED       | sslMode=PREFERRED",
        "REQUIRED        | sslMode=REQUIRED",
        "VERIFY_CA       | sslMode=VERIFY_CA",
        "VERIFY_IDENTITY | sslMode=VERIFY_IDENTITY"})
    void eachModeIsConnectorJsSslMode(StoreTls.Mode mode, String parameter) {
        StoreTls tls = new StoreTls(mode, "", "", "PKCS12", "", "", "PKCS12");

        assertThat(tls.appendTo("jdbc:mysql://db:3306/strait")).isEqualTo("jdbc:mysql://db:3306/strait?" + parameter);
        assertThat(tls.appendTo("jdbc:mysql://db:3306/strait?connectTimeout=5000"))
                .isEqualTo("jdbc:mysql://db:3306/strait?connectTimeout=5000&" + parameter);
    }

    @Test
    void unsetAddsNothing() {
        assertThat(StoreTls.UNSET.appendTo("jdbc:mysql://db:3306/strait")).isEqualTo("jdbc:mysql://db:3306/strait");
    }

    @Test
    void trustAndKeyStoresBecomeFileUrlsWithTheirTypesAndEncodedPasswords() {
        StoreTls tls = new StoreTls(StoreTls.Mode.VERIFY_IDENTITY, "/etc/strait/ca.p12", "p&ss=1", "PKCS12",
                "/etc/strait/client.jks", "k", "JKS");

        assertThat(tls.driverProperties()).containsExactly(Map.entry("sslMode", "VERIFY_IDENTITY"),
                Map.entry("trustCertificateKeyStoreUrl", "file:///etc/strait/ca.p12"),
                Map.entry("trustCertificateKeyStoreType", "PKCS12"),
                Map.entry("trustCertificateKeyStorePassword", "p&ss=1"),
                Map.entry("clientCertificateKeyStoreUrl", "file:///etc/strait/client.jks"),
                Map.entry("clientCertificateKeyStoreType", "JKS"),
                Map.entry("clientCertificateKeyStorePassword", "k"));
        assertThat(tls.appendTo("jdbc:mysql://db/strait")).contains("trustCertificateKeyStorePassword=p%26ss%3D1&");
        assertThat(tls.toString()).doesNotContain("p&ss=1");
    }

    @Test
    void theLoaderReadsStoreTlsWithItsPasswordByReferenceAndRedacted() throws Exception {
        Path trustStore = Files.writeString(work.resolve("ca.p12"), "not read by the loader");
        Path secret = Files.writeString(work.resolve("trust-password"), "trust-s3cret\n");
        StraitConfig config = load("""
                store:
                  jdbc-url: jdbc:mysql://db:3306/strait
                  tls:
                    mode: verify-ca
                    trust-store: %s
                    trust-store-password: "${file:%s}"
                """.formatted(trustStore, secret));

        assertThat(config.store().tls().mode()).isEqualTo(StoreTls.Mode.VERIFY_CA);
        assertThat(config.store().tls().trustStorePassword()).isEqualTo("trust-s3cret");
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:mysql://db:3306/strait");
        assertThat(config.store().connectionUrl()).startsWith("jdbc:mysql://db:3306/strait?sslMode=VERIFY_CA&")
                .contains("trustCertificateKeyStoreUrl=" + java.net.URLEncoder.encode(trustStore.toUri().toString(),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(SecretRedactor.of(config).redact("connect: trust-s3cret")).isEqualTo("connect: ***");
    }

    @Test
    void everyMistakeOfTheSectionIsAProblemNamingItsFieldAndFix() {
        assertThat(problems("""
                store:
                  jdbc-url: jdbc:mysql://db:3306/strait?sslMode=REQUIRED
                  tls:
                    mode: verify
                    trust-store: /no/such/ca.p12
                    trust-store-type: PEM
                    colour: blue
                """)).containsExactlyInAnyOrder(
                "store.tls.colour: unknown key",
                "store.tls.mode: 'verify' is not a TLS mode",
                "store.tls.trust-store: '/no/such/ca.p12' cannot be read",
                "store.tls.trust-store: is not used with mode preferred (the server's certificate is not verified)",
                "store.tls.trust-store-type: 'PEM' is not a key store type",
                "store.jdbc-url: sets TLS parameters while store.tls is present");
    }

    private StraitConfig load(String storeSection) throws Exception {
        return new StraitConfigLoader().load(Files.writeString(work.resolve("strait.yaml"), storeSection + REST));
    }

    private java.util.List<String> problems(String storeSection) {
        try {
            load(storeSection);
            throw new AssertionError("expected problems");
        } catch (ConfigException e) {
            return e.problems().stream().filter(problem -> problem.field().startsWith("store"))
                    .map(problem -> problem.field() + ": " + problem.message()).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String REST = """
            regions:
              a: {metastore-uri: "thrift://a:9083", roots: {warehouse: "hdfs://a/w"}}
              b: {metastore-uri: "thrift://b:9083", roots: {warehouse: "hdfs://b/w"}}
            links:
              - {name: a-to-b, source: a, target: b}
            """;
}
