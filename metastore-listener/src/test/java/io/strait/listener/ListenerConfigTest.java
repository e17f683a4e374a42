package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.region.RegionId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerConfigTest {
    private static final Map<String, String> COMPLETE = Map.of(
            "strait.region", "region-a",
            "strait.store.jdbc-url", "jdbc:mysql://127.0.0.1:3306/strait",
            "strait.store.user", "strait",
            "strait.store.password", " secret ");

    @Test
    void defaultsArePinned() {
        ListenerConfig config = ListenerConfig.read(COMPLETE::get);

        assertThat(config.isValid()).isTrue();
        assertThat(config.region()).isEqualTo(RegionId.of("region-a"));
        assertThat(config.user()).isEqualTo("strait");
        assertThat(config.password()).isEqualTo(" secret ");
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.replayInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.acknowledgement()).isEqualTo(Acknowledgement.DURABLE);
        assertThat(config.journalSyncInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.spoolDirectory())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "strait-spool-region-a"));
    }

    @Test
    void readsEverySetting() {
        Map<String, String> settings = Map.of(
                "strait.region", "eu-west",
                "strait.store.jdbc-url", "jdbc:mysql://db:3306/strait",
                "strait.listener.write-timeout", "500ms",
                "strait.listener.replay-interval", "1m",
                "strait.listener.acknowledge", " Journaled ",
                "strait.listener.journal-sync-interval", "250ms",
                "strait.listener.spool-directory", "/var/spool/strait");

        ListenerConfig config = ListenerConfig.read(settings::get);

        assertThat(config.writeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.replayInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.spoolDirectory()).isEqualTo(Path.of("/var/spool/strait"));
        assertThat(config.acknowledgement()).isEqualTo(Acknowledgement.JOURNALED);
        assertThat(config.journalSyncInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceNamingKeyAndFix() {
        Map<String, String> settings = Map.of(
                "strait.store.jdbc-url", "mysql://db/strait",
                "strait.listener.write-timeout", "soon",
                "strait.listener.replay-interval", "0s");

        ListenerConfig config = ListenerConfig.read(settings::get);

        assertThat(config.isValid()).isFalse();
        assertThat(config.problems()).containsExactly(
                "strait.region is not set: set it to this metastore's region name (e.g. us-east)",
                "strait.store.jdbc-url 'mysql://db/strait' is not a JDBC URL: it must start with jdbc:",
                "strait.listener.write-timeout: 'soon' is not a duration like 500ms, 30s, 5m or PT1H; use e.g. 2s",
                "strait.listener.replay-interval: '0s' is not positive; use e.g. 10s");
        assertThat(config.region()).isEqualTo(ListenerConfig.UNCONFIGURED_REGION);
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.spoolDirectory().getFileName().toString()).isEqualTo("strait-spool-unconfigured-region");
    }

    @Test
    void aBadAcknowledgementModeOrSyncIntervalIsAProblemNamingTheKeyAndTheAcceptedValues() {
        ListenerConfig config = ListenerConfig.read(Map.of("strait.region", "region-a",
                "strait.store.jdbc-url", "jdbc:mysql://db/strait", "strait.listener.acknowledge", "async",
                "strait.listener.journal-sync-interval", "0ms")::get);

        assertThat(config.problems()).containsExactly(
                "strait.listener.acknowledge 'async' is not an acknowledgement mode: write durable or journaled",
                "strait.listener.journal-sync-interval: '0ms' is not positive; use e.g. 100ms");
        assertThat(config.acknowledgement()).as("the safe mode stands in").isEqualTo(Acknowledgement.DURABLE);
    }

    @Test
    void anInvalidRegionNameIsAProblem() {
        ListenerConfig config = ListenerConfig.read(Map.of("strait.region", "Region A",
                "strait.store.jdbc-url", "jdbc:mysql://db/strait")::get);

        assertThat(config.problems()).containsExactly(
                "strait.region 'Region A' is invalid: use lower case letters, digits and dashes");
    }

    @Test
    void tlsSettingsBecomeDriverPropertiesWithPasswordsFromTheCredentialProviders(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path folder) throws Exception {
        java.nio.file.Path trustStore = java.nio.file.Files.writeString(folder.resolve("ca.p12"), "not parsed here");
        Map<String, String> settings = Map.of("strait.region", "region-a",
                "strait.store.jdbc-url", "jdbc:mysql://db/strait", "strait.store.tls.mode", "verify-ca",
                "strait.store.tls.trust-store", trustStore.toString(), "strait.store.tls.trust-store-type", "jks");
        Map<String, String> credentialProvider = Map.of("strait.store.tls.trust-store-password", "s3cret");

        ListenerConfig config = ListenerConfig.read(settings::get, credentialProvider::get);

        assertThat(config.problems()).isEmpty();
        assertThat(config.tls().driverProperties()).containsEntry("sslMode", "VERIFY_CA")
                .containsEntry("trustCertificateKeyStoreType", "JKS")
                .containsEntry("trustCertificateKeyStorePassword", "s3cret")
                .containsEntry("trustCertificateKeyStoreUrl", trustStore.toUri().toString());
        assertThat(config.connectionUrl()).startsWith("jdbc:mysql://db/strait?sslMode=VERIFY_CA&");
        assertThat(config.jdbcUrl()).as("logged as configured").isEqualTo("jdbc:mysql://db/strait");
        assertThat(config.tls().toString()).doesNotContain("s3cret");
    }

    @Test
    void badTlsSettingsAreProblemsNamingTheKeyAndTheFix() {
        ListenerConfig config = ListenerConfig.read(Map.of("strait.region", "region-a",
                "strait.store.jdbc-url", "jdbc:mysql://db/strait?useSSL=true", "strait.store.tls.mode", "strict",
                "strait.store.tls.trust-store", "/no/such/ca.p12", "strait.store.tls.key-store-type", "PEM")::get);

        assertThat(config.problems()).containsExactlyInAnyOrder(
                "strait.store.tls.mode 'strict' is not a TLS mode: write disabled, preferred, required, verify-ca or"
                        + " verify-identity",
                "strait.store.tls.trust-store '/no/such/ca.p12' cannot be read: point it at a store file (PKCS12 or"
                        + " JKS) the metastore process can read",
                "strait.store.tls.trust-store is not used with strait.store.tls.mode preferred: set the mode to"
                        + " verify-ca or verify-identity, or remove the trust store",
                "strait.store.jdbc-url sets TLS parameters while strait.store.tls.mode is set: remove them from the"
                        + " URL (one place)",
                "strait.store.tls.key-store-type 'PEM' is not a store type: write PKCS12 or JKS");
        assertThat(ListenerConfig.read(Map.of("strait.region", "region-a", "strait.store.jdbc-url",
                "jdbc:mysql://db/strait")::get).tls()).isEqualTo(io.strait.common.config.StoreTls.UNSET);
    }

    @Test
    void everySettingIsDocumented() {
        for (ListenerSetting setting : ListenerSetting.values()) {
            assertThat(setting.key()).startsWith("strait.");
            assertThat(setting.description()).isNotBlank();
        }
    }
}
