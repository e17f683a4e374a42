package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's store password through Hadoop's Configuration.getPassword, with a real JCEKS credential store. */
class ListenerCredentialsTest {
    @TempDir
    Path work;

    @Test
    void thePasswordComesFromTheJceksStoreOfTheCredentialProviderPath() throws Exception {
        Configuration conf = settings();
        conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH,
                TestingCredentialStore.create(work.resolve("strait.jceks"), "strait.store.password", "from-jceks"));
        conf.set("strait.store.password", "clear-text-loses");

        ListenerConfig config = read(conf);

        assertThat(config.isValid()).as(config.problems().toString()).isTrue();
        assertThat(config.password()).isEqualTo("from-jceks");
    }

    @Test
    void withoutAProviderTheClearTextSettingIsUsed() throws Exception {
        Configuration conf = settings();
        conf.set("strait.store.password", "clear-text");

        assertThat(read(conf).password()).isEqualTo("clear-text");
    }

    @Test
    void aProviderThatCannotBeReadIsASettingProblemNamingTheKeyAndTheFix() throws Exception {
        Configuration conf = settings();
        Path notAKeystore = Files.writeString(work.resolve("broken.jceks"), "not a keystore");
        conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, "jceks://file" + notAKeystore);

        ListenerConfig config = read(conf);

        assertThat(config.isValid()).isFalse();
        assertThat(config.problems()).singleElement().asString()
                .startsWith("strait.store.password cannot be read from the credential providers of"
                        + " hadoop.security.credential.provider.path")
                .contains("HADOOP_CREDSTORE_PASSWORD");
        assertThat(config.password()).isEmpty();
    }

    private static ListenerConfig read(Configuration conf) {
        return ListenerConfig.read(conf::get, key -> StraitMetastoreListener.password(conf, key));
    }

    private static Configuration settings() {
        Configuration conf = new Configuration(false);
        conf.set("strait.region", "region-a");
        conf.set("strait.store.jdbc-url", "jdbc:mysql://127.0.0.1:3306/strait");
        conf.set("strait.store.user", "strait");
        return conf;
    }
}
