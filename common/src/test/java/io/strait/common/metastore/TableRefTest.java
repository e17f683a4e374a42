package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableRefTest {
    @Test
    void parsesDatabaseDotTableInLowerCase() {
        assertThat(TableRef.parse("sales.orders")).isEqualTo(TableRef.of("sales", "orders"));
        assertThat(TableRef.parse("Sales.Orders_2024")).isEqualTo(TableRef.of("sales", "orders_2024"));
        assertThat(TableRef.parse("Sales.Orders").toString()).isEqualTo("sales.orders");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "sales", ".orders", "sales.", ".", "a.b.c", "sales..orders"})
    void refusesAnythingButDatabaseDotTable(String text) {
        assertThatThrownBy(() -> TableRef.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<database>.<table>")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void refusesBlankParts() {
        assertThatThrownBy(() -> TableRef.parse(" .orders")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableRef.of("sales", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableRef.of(null, "orders")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ordersByDatabaseThenTable() {
        List<TableRef> refs = new ArrayList<>(List.of(TableRef.of("sales", "orders"), TableRef.of("marketing", "z"),
                TableRef.of("sales", "customers"), TableRef.of("marketing", "a")));
        Collections.sort(refs);
        assertThat(refs).extracting(TableRef::toString)
                .containsExactly("marketing.a", "marketing.z", "sales.customers", "sales.orders");
    }

    @Test
    void aPartitionRefHasAtLeastOneValue() {
        assertThatThrownBy(() -> PartitionRef.of(TableRef.of("sales", "orders"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PartitionRef.of(TableRef.of("sales", "orders"), List.of("2024-01-01", "03")))
                .hasToString("sales.orders/2024-01-01/03");
    }
}
