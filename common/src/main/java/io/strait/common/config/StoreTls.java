package io.strait.common.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * TLS to the state store ({@code store.tls}): the mode and the trust store (server certificates) and key store
 * (client certificate), mapped to MySQL Connector/J's connection properties.
 *
 * @param mode how the connection is protected
 * @param trustStore path of the trust store holding the CA of the server's certificate, empty for the JVM's
 * @param trustStorePassword its password (a secret)
 * @param trustStoreType {@code PKCS12} or {@code JKS}
 * @param keyStore path of the key store with the client certificate (mutual TLS), empty for none
 * @param keyStorePassword its password (a secret)
 * @param keyStoreType {@code PKCS12} or {@code JKS}
 */
public record StoreTls(Mode mode, String trustStore, String trustStorePassword, String trustStoreType,
        String keyStore, String keyStorePassword, String keyStoreType) {
    /** No {@code store.tls} section: the URL (and the driver's default) decide. */
    public static final StoreTls UNSET = new StoreTls(Mode.UNSET, "", "", "PKCS12", "", "", "PKCS12");

    /** {@code store.tls.mode}: Connector/J's {@code sslMode}. */
    public enum Mode {
        /** No {@code store.tls} section: nothing added to the URL. */
        UNSET(""),
        /** Plain connections only. */
        DISABLED("DISABLED"),
        /** TLS when the server offers it, unverified (Connector/J's default). */
        PREFERRED("PREFERRED"),
        /** TLS or no connection; the server's certificate is not verified. */
        REQUIRED("REQUIRED"),
        /** TLS with the server's certificate verified against the trust store. */
        VERIFY_CA("VERIFY_CA"),
        /** As {@link #VERIFY_CA}, and the certificate must name the host of the URL. */
        VERIFY_IDENTITY("VERIFY_IDENTITY");

        private final String sslMode;

        Mode(String sslMode) {
            this.sslMode = sslMode;
        }

        /** The value as written in YAML: {@code verify-ca}. */
        public String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the server's certificate is verified (a trust store is used). */
        public boolean verifies() {
            return this == VERIFY_CA || this == VERIFY_IDENTITY;
        }
    }

    public StoreTls {
        Objects.requireNonNull(mode, "mode");
        trustStore = Objects.requireNonNullElse(trustStore, "");
        trustStorePassword = Objects.requireNonNullElse(trustStorePassword, "");
        trustStoreType = Objects.requireNonNullElse(trustStoreType, "PKCS12");
        keyStore = Objects.requireNonNullElse(keyStore, "");
        keyStorePassword = Objects.requireNonNullElse(keyStorePassword, "");
        keyStoreType = Objects.requireNonNullElse(keyStoreType, "PKCS12");
    }

    /** Connector/J connection properties for these settings, in a stable order; empty when {@link Mode#UNSET}. */
    public Map<String, String> driverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (mode == Mode.UNSET) {
            return properties;
        }
        properties.put("sslMode", mode.sslMode);
        if (!trustStore.isEmpty()) {
            properties.put("trustCertificateKeyStoreUrl", fileUrl(trustStore));
            properties.put("trustCertificateKeyStoreType", trustStoreType);
            if (!trustStorePassword.isEmpty()) {
                properties.put("trustCertificateKeyStorePassword", trustStorePassword);
            }
        }
        if (!keyStore.isEmpty()) {
            properties.put("clientCertificateKeyStoreUrl", fileUrl(keyStore));
            properties.put("clientCertificateKeyStoreType", keyStoreType);
            if (!keyStorePassword.isEmpty()) {
                properties.put("clientCertificateKeyStorePassword", keyStorePassword);
            }
        }
        return properties;
    }

    /** The mode written as {@code text} in a configuration ({@code verify-ca}, ...); empty when it names none. */
    public static java.util.Optional<Mode> modeOf(String text) {
        return java.util.Arrays.stream(Mode.values())
                .filter(candidate -> candidate != Mode.UNSET && candidate.configValue().equals(text)).findFirst();
    }

    /** Whether {@code jdbcUrl} sets TLS parameters itself (with a TLS section they belong there, in one place). */
    public static boolean urlSetsTls(String jdbcUrl) {
        return jdbcUrl.matches(
                "(?i).*[?&](sslMode|useSSL|requireSSL|verifyServerCertificate|trustCertificateKeyStore\\w*)=.*");
    }

    /** {@code jdbcUrl} with {@link #driverProperties()} appended as URL parameters (values URL-encoded). */
    public String appendTo(String jdbcUrl) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        char separator = jdbcUrl.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> property : driverProperties().entrySet()) {
            url.append(separator).append(property.getKey()).append('=')
                    .append(URLEncoder.encode(property.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }

    private static String fileUrl(String path) {
        return java.nio.file.Path.of(path).toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public String toString() {
        return "StoreTls[mode=" + mode.configValue() + ", trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
