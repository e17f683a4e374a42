package io.strait.ops.web;

import io.strait.common.config.StraitConfig.HttpTls;
import io.strait.common.error.StraitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The dashboard's HTTPS: an SSL context from {@code http.tls}'s key store, and the rule for plain HTTP. */
final class DashboardTls {
    private DashboardTls() {
    }

    /** An SSL context serving the certificate and key of {@code tls}'s key store. */
    static SSLContext sslContext(HttpTls tls) {
        char[] password = tls.keyStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(tls.keyStore()))) {
            KeyStore keyStore = KeyStore.getInstance(tls.keyStoreType());
            keyStore.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw StraitException.userError("Cannot serve the dashboard over HTTPS with http.tls.key-store "
                    + tls.keyStore() + ": " + e.getMessage() + " (check the file, its type and"
                    + " http.tls.key-store-password)");
        }
    }

    /** Refuses plain HTTP on an address beyond this machine unless {@code insecurePlainHttp} allows it. */
    static void requireSafeAddress(String address, HttpTls tls, boolean insecurePlainHttp) {
        if (!tls.enabled() && !insecurePlainHttp && !HttpTls.isLoopback(address)) {
            throw StraitException.userError("Cannot serve the dashboard over plain HTTP at " + address
                    + ": set http.tls.key-store to serve HTTPS, or http.insecure-plain-http: true behind a"
                    + " TLS-terminating proxy, or bind 127.0.0.1");
        }
    }
}
