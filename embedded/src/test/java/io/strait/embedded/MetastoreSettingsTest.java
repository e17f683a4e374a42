package io.strait.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetastoreSettingsTest {
    private final Path work = Path.of("/data/region-a");

    @Test
    void pointsDerbyAndBothWarehouseRootsIntoTheWorkFolder() {
        MetastoreSettings settings = MetastoreSettings.forRegion(work, work.resolve("managed"),
                work.resolve("external"), Map.of());

        assertThat(settings.get("javax.jdo.option.ConnectionURL"))
                .isEqualTo("jdbc:derby:;databaseName=/data/region-a/metastore_db;create=true");
        assertThat(settings.get("metastore.warehouse.dir")).isEqualTo("file:/data/region-a/managed");
        assertThat(settings.get("metastore.warehouse.external.dir")).isEqualTo("file:/data/region-a/external");
        assertThat(settings.get("metastore.schema.verification")).isEqualTo("true");
        assertThat(settings.get("datanucleus.schema.autoCreateAll")).isEqualTo("false");
        assertThat(settings.get("metastore.dml.events")).isEqualTo("true");
    }

    @Test
    void settingsOfTheCallerWin() {
        MetastoreSettings settings = MetastoreSettings.forRegion(work, work.resolve("managed"),
                work.resolve("external"), Map.of("metastore.dml.events", "false", "strait.region", "region-a"));

        assertThat(settings.get("metastore.dml.events")).isEqualTo("false");
        assertThat(settings.get("strait.region")).isEqualTo("region-a");
    }

    @Test
    void writesAnEscapedSiteFileAndTheLoggingConfiguration() throws Exception {
        Path conf = TestingDirectories.create("conf");
        MetastoreSettings settings = MetastoreSettings.forRegion(work, work.resolve("managed"),
                work.resolve("external"), Map.of("strait.store.jdbc-url", "jdbc:mysql://h/db?a=1&b=<2>"));

        settings.writeTo(conf);

        assertThat(Files.readString(conf.resolve(MetastoreSettings.SITE_FILE)))
                .contains("<name>strait.store.jdbc-url</name><value>jdbc:mysql://h/db?a=1&amp;b=&lt;2&gt;</value>");
        assertThat(conf.resolve(MetastoreSettings.LoggingConfig.FILE_NAME)).isRegularFile();
    }

    @Test
    void hadoopSettingsGoToACoreSiteThatIsRemovedWhenThereAreNone() throws Exception {
        Path conf = TestingDirectories.create("conf-core");

        MetastoreSettings.writeCoreSite(conf, Map.of("hadoop.security.authentication", "kerberos"));

        assertThat(Files.readString(conf.resolve(MetastoreSettings.CORE_SITE_FILE)))
                .contains("<name>hadoop.security.authentication</name><value>kerberos</value>");
        MetastoreSettings.writeCoreSite(conf, Map.of());
        assertThat(conf.resolve(MetastoreSettings.CORE_SITE_FILE)).doesNotExist();
    }
}
