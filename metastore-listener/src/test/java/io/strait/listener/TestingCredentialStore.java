package io.strait.listener;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/** A Hadoop JCEKS credential store made with Hadoop's credential API (what {@code hadoop credential create} does). */
final class TestingCredentialStore {
    private TestingCredentialStore() {
    }

    /** The provider path ({@code jceks://file/...}) of a new JCEKS file holding {@code alias} = {@code secret}. */
    static String create(Path file, String alias, String secret) throws Exception {
        String providerPath = "jceks://file" + file.toAbsolutePath();
        Configuration conf = new Configuration(false);
        conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, providerPath);
        List<CredentialProvider> providers = CredentialProviderFactory.getProviders(conf);
        CredentialProvider provider = providers.get(0);
        provider.createCredentialEntry(alias, secret.toCharArray());
        provider.flush();
        return providerPath;
    }
}
