package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.TableFilter;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.RemoteSource;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Region a holds sales.{orders, orders_eu, tmp_load}, hr.people and web.clicks; region b holds sales.orders,
 * sales.orders_old (only there) and hr.people. The link replicates sales.* and hr.* but not sales.tmp_*.
 */
class ReconcileScopeTest {
    private static final TableFilter LINK = new TableFilter(List.of("sales.*", "hr.*"), List.of("sales.tmp_*"));

    private final InMemoryMetastoreGateway source = region("a", "sales.orders", "sales.orders_eu", "sales.tmp_load",
            "hr.people", "web.clicks");
    private final InMemoryMetastoreGateway target = region("b", "sales.orders", "sales.orders_old", "hr.people");

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of(List.of("sales.orders"), List.of("sales.orders"), List.of(), List.of()),
                Arguments.of(List.of("SALES.Orders"), List.of("sales.orders"), List.of(), List.of()),
                Arguments.of(List.of("sales.absent"), List.of("sales.absent"), List.of(), List.of()),
                Arguments.of(List.of("sales.orders*"), List.of("sales.orders", "sales.orders_eu", "sales.orders_old"),
                        List.of(), List.of()),
                Arguments.of(List.of("sales"), List.of("sales.orders", "sales.orders_eu", "sales.orders_old"),
                        List.of(), List.of()),
                Arguments.of(List.of("sales.tmp_load"), List.of(), List.of("sales.tmp_load"), List.of()),
                Arguments.of(List.of("sales.tmp_*"), List.of(), List.of(), List.of("sales.tmp_*")),
                Arguments.of(List.of("web"), List.of(), List.of(), List.of("web")),
                Arguments.of(List.of("*.people", "sales.orders"), List.of("hr.people", "sales.orders"), List.of(),
                        List.of()),
                Arguments.of(List.of(), List.of("hr.people", "sales.orders", "sales.orders_eu", "sales.orders_old"),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void resolvesNamesAgainstBothRegionsWithinTheLink(List<String> names, List<String> tables,
            List<String> outOfScope, List<String> unmatched) {
        ReconcileScope.Resolution resolution = ReconcileScope.of(names).resolve(source, target, LINK);

        assertThat(resolution.tables()).extracting(TableRef::toString).containsExactlyElementsOf(tables);
        assertThat(resolution.outOfScope()).containsExactlyElementsOf(outOfScope);
        assertThat(resolution.unmatched()).containsExactlyElementsOf(unmatched);
    }

    @Test
    void theTablesOfARemoteDatabaseAreNotListed() {
        InMemoryMetastoreGateway withRemote = region("a", "sales.orders", "hr.people");
        withRemote.createDatabase(new DatabaseSnapshot("crm", "", "", Map.of())
                .withRemote(new RemoteSource("crm_jdbc", "crm_live")));
        InMemoryMetastoreGateway tablesInB = region("b", "sales.orders", "crm.accounts");
        TableFilter everything = new TableFilter(List.of("*.*"), List.of());

        ReconcileScope.Resolution resolution = ReconcileScope.of(List.of()).resolve(withRemote, tablesInB,
                everything);

        assertThat(resolution.tables()).extracting(TableRef::toString)
                .containsExactly("hr.people", "sales.orders");
        assertThat(resolution.remoteDatabases())
                .containsExactly("crm (remote database crm_live of data connector crm_jdbc in region a)");
        assertThat(ReconcileScope.of(List.of()).resolve(source, target, LINK).remoteDatabases()).isEmpty();
    }

    @Test
    void singleTablesAreReadToTheByteByDefaultAndEverythingWiderIsListed() {
        assertThat(ReconcileScope.of(List.of("sales.orders", "hr.people")).defaultDepth())
                .isEqualTo(ReconcileDepth.BYTES);
        assertThat(ReconcileScope.of(List.of("sales.orders", "hr")).defaultDepth()).isEqualTo(ReconcileDepth.FILES);
        assertThat(ReconcileScope.of(List.of("sales.o*")).defaultDepth()).isEqualTo(ReconcileDepth.FILES);
        assertThat(ReconcileScope.of(List.of()).defaultDepth()).isEqualTo(ReconcileDepth.FILES);
        assertThat(ReconcileScope.of(List.of()).wholeLink()).isTrue();
    }

    @Test
    void refusesWhatIsNotADatabaseTableOrPattern() {
        for (String bad : List.of("a.b.c", ".orders", "sales.", "", "sales orders", "s/x")) {
            assertThatThrownBy(() -> ReconcileScope.of(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not DB, DB.TABLE");
        }
    }

    private static InMemoryMetastoreGateway region(String name, String... tables) {
        InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(RegionId.of(name));
        Arrays.stream(tables).map(TableRef::parse).forEach(table -> {
            if (metastore.getDatabase(table.database()).isEmpty()) {
                metastore.createDatabase(new DatabaseSnapshot(table.database(), "file:/" + name + "/"
                        + table.database(), "", Map.of()));
            }
            metastore.createTable(new TableSnapshot(table, TableSnapshot.EXTERNAL_TABLE, "file:/" + name + "/" + table,
                    List.of(ColumnSpec.of("id", "int")), List.of(), StorageFormat.PARQUET, Map.of(), "hive"));
        });
        return metastore;
    }
}
