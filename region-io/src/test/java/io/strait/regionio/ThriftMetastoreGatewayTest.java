package io.strait.regionio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableConstraint.Kind;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.InvalidObjectException;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf.ConfVars;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

/** The gateway's behaviour without a metastore; {@code ThriftMetastoreGatewayIT} runs it against a real one. */
class ThriftMetastoreGatewayTest {
    @Test
    void anUnreachableMetastoreIsAnExternalErrorNamingRegionAndUri() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String uri = "thrift://127.0.0.1:" + freePort;
        ThriftMetastoreSettings settings = ThriftMetastoreSettings.defaults()
                .withConnectionRetries(1, Duration.ofMillis(10));

        assertThatThrownBy(() -> ThriftMetastoreGateway.connect(RegionId.of("region-b"), uri, settings))
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.EXTERNAL))
                .hasMessageStartingWith("Cannot connect to the metastore of region region-b")
                .hasMessageContaining(uri);
    }

    @Test
    void settingsReachTheClientConfiguration() {
        ThriftMetastoreSettings settings = new ThriftMetastoreSettings(Duration.ofSeconds(7), 5,
                Duration.ofMillis(250), 2);

        var conf = ThriftMetastoreGateway.clientConfiguration("thrift://h:9083", settings);

        assertThat(MetastoreConf.getVar(conf, ConfVars.THRIFT_URIS)).isEqualTo("thrift://h:9083");
        assertThat(MetastoreConf.getTimeVar(conf, ConfVars.CLIENT_SOCKET_TIMEOUT, TimeUnit.MILLISECONDS))
                .isEqualTo(7000);
        assertThat(MetastoreConf.getLongVar(conf, ConfVars.THRIFT_CONNECTION_RETRIES)).isEqualTo(5);
        assertThat(MetastoreConf.getTimeVar(conf, ConfVars.CLIENT_CONNECT_RETRY_DELAY, TimeUnit.MILLISECONDS))
                .isEqualTo(250);
    }

    @Test
    void clientPropertiesOfARegionReachTheClientsConfiguration() {
        var conf = ThriftMetastoreGateway.clientConfiguration("thrift://h:9083", ThriftMetastoreSettings.defaults(),
                java.util.Map.of("metastore.sasl.enabled", "true",
                        "metastore.kerberos.principal", "hive/_HOST@EXAMPLE.COM"));

        assertThat(MetastoreConf.getBoolVar(conf, ConfVars.USE_THRIFT_SASL)).isTrue();
        assertThat(MetastoreConf.getVar(conf, ConfVars.KERBEROS_PRINCIPAL)).isEqualTo("hive/_HOST@EXAMPLE.COM");
        assertThat(MetastoreConf.getVar(conf, ConfVars.THRIFT_URIS)).isEqualTo("thrift://h:9083");
    }

    @Test
    void theClientsAddressTheHiveCatalogWhateverTheRegionsSettingsName() {
        var conf = ThriftMetastoreGateway.clientConfiguration("thrift://h:9083", ThriftMetastoreSettings.defaults(),
                java.util.Map.of("metastore.catalog.default", "spark"));

        assertThat(MetastoreConf.getVar(conf, ConfVars.CATALOG_DEFAULT)).isEqualTo("hive");
    }

    @Test
    void refusalsAreUserErrorsAndEverythingElseIsExternal() {
        assertThat(ThriftMetastoreGateway.categoryOf(new AlreadyExistsException("x")))
                .isEqualTo(ErrorCategory.USER_ERROR);
        assertThat(ThriftMetastoreGateway.categoryOf(new InvalidObjectException("x")))
                .isEqualTo(ErrorCategory.USER_ERROR);
        assertThat(ThriftMetastoreGateway.categoryOf(new NoSuchObjectException("x")))
                .isEqualTo(ErrorCategory.USER_ERROR);
        assertThat(ThriftMetastoreGateway.categoryOf(new MetaException("x"))).isEqualTo(ErrorCategory.EXTERNAL);
        assertThat(ThriftMetastoreGateway.categoryOf(new TTransportException("x"))).isEqualTo(ErrorCategory.EXTERNAL);
        assertThat(ThriftMetastoreGateway.categoryOf(new IllegalStateException("x"))).isEqualTo(ErrorCategory.EXTERNAL);
    }

    @Test
    void constraintsHeldAsWantedAreNeitherDroppedNorAdded() {
        List<TableConstraint> held = List.of(constraint(Kind.FOREIGN_KEY, "fk_a", false),
                constraint(Kind.PRIMARY_KEY, "pk_a", true), constraint(Kind.NOT_NULL, "nn_a", false));

        List<TableConstraint> wanted = new java.util.ArrayList<>(held);
        java.util.Collections.reverse(wanted);

        assertThat(ThriftMetastoreGateway.constraintsToDrop(held, wanted)).isEmpty();
        assertThat(ThriftMetastoreGateway.constraintsToAdd(held, wanted)).isEmpty();
    }

    @Test
    void foreignKeysAreDroppedFirstAndKeysAddedBeforeTheForeignKeysThatReferToThem() {
        List<TableConstraint> held = List.of(constraint(Kind.CHECK, "ck_a", false),
                constraint(Kind.PRIMARY_KEY, "pk_a", true), constraint(Kind.FOREIGN_KEY, "fk_b", false),
                constraint(Kind.FOREIGN_KEY, "fk_a", false), constraint(Kind.NOT_NULL, "nn_a", false));
        // pk_a and fk_b change a flag, ck_a and fk_a go, uk_a and nn_b come
        List<TableConstraint> wanted = List.of(constraint(Kind.NOT_NULL, "nn_b", false),
                constraint(Kind.FOREIGN_KEY, "fk_b", true), constraint(Kind.NOT_NULL, "nn_a", false),
                constraint(Kind.UNIQUE, "uk_a", false), constraint(Kind.PRIMARY_KEY, "pk_a", false));

        assertThat(ThriftMetastoreGateway.constraintsToDrop(held, wanted)).extracting(TableConstraint::name)
                .containsExactly("fk_a", "fk_b", "pk_a", "ck_a");
        assertThat(ThriftMetastoreGateway.constraintsToAdd(held, wanted)).extracting(TableConstraint::name)
                .containsExactly("pk_a", "uk_a", "fk_b", "nn_b");
    }

    private static TableConstraint constraint(Kind kind, String name, boolean relied) {
        boolean foreign = kind == Kind.FOREIGN_KEY;
        return new TableConstraint(kind, name, List.of("id"), foreign ? "shop.parents" : "",
                foreign ? List.of("id") : List.of(), "", "", 0, 0, false, false, relied);
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> new ThriftMetastoreSettings(Duration.ZERO, 1, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThriftMetastoreSettings.defaults().withMaxClients(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
