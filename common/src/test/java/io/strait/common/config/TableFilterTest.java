package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class TableFilterTest {
    /** include | exclude | database | table | selected (lists are space-separated). */
    @ParameterizedTest(name = "include [{0}] exclude [{1}]: {2}.{3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "*.*                       |               | sales     | orders     | true",
            "sales.*                   |               | sales     | orders     | true",
            "sales.*                   |               | marketing | orders     | false",
            "sales.*                   | sales.tmp_*   | sales     | tmp_orders | false",
            "sales.*                   | sales.tmp_*   | sales     | orders_tmp | true",
            "*.events_*                |               | web       | events_click | true",
            "*.events_*                |               | web       | events     | false",
            "sales.orders              |               | sales     | orders     | true",
            "sales.orders              |               | sales     | orders2    | false",
            "sales.orders              |               | xsales    | orders     | false",
            "sales.orders marketing.*  |               | marketing | x          | true",
            "*.*                       | *.*           | sales     | orders     | false",
            "*.*                       | secret.*      | secret    | keys       | false",
            "sales.*                   |               | Sales     | Orders     | true",
            "SALES.ORD*                |               | sales     | orders     | true",
            "sales.a_b                 |               | sales     | axb        | false",
            "s*s.o*s                   |               | sales     | orders     | true",
            "s*s.o*s                   |               | sale      | orders     | false",
            "                          |               | sales     | orders     | false",
    })
    void selectsIncludedTablesThatNoExcludeMatches(String include, String exclude, String database, String table,
            boolean selected) {
        assertThat(new TableFilter(list(include), list(exclude)).includesTable(database, table)).isEqualTo(selected);
    }

    @ParameterizedTest(name = "include [{0}] exclude [{1}]: database {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "sales.*             |            | sales     | true",
            "sales.orders        |            | sales     | true",
            "sales.*             |            | marketing | false",
            "*.events_*          |            | anything  | true",
            "sal*.x              |            | SALES     | true",
            "sales.* marketing.* |            | marketing | true",
            "*.*                 | sales.tmp_* | sales    | true",
            "*.*                 | secret.*   | secret    | false",
    })
    void mayIncludeDatabaseWhenSomeTableOfItCouldBeSelected(String include, String exclude, String database,
            boolean expected) {
        assertThat(new TableFilter(list(include), list(exclude)).mayIncludeDatabase(database)).isEqualTo(expected);
    }

    @Test
    void allSelectsEverything() {
        assertThat(TableFilter.all().includesTable("any_db", "any_table")).isTrue();
        assertThat(TableFilter.all().mayIncludeDatabase("any_db")).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "sales", "sales.", ".orders", "a.b.c", "sales/x.y", "sales.ord?rs", "sa les.x",
            "sales.[a-z]+"})
    void refusesInvalidPatterns(String pattern) {
        assertThat(TableFilter.validate(pattern)).contains("'" + pattern + "'").contains("<database>.<table>");
        assertThatThrownBy(() -> new TableFilter(Arrays.asList(pattern), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales.orders", "*.*", "sales.*", "*.events_*", "DB_1.T_2", "s*s.o*"})
    void acceptsValidPatterns(String pattern) {
        assertThat(TableFilter.validate(pattern)).isEmpty();
    }

    @Test
    void aPatternEqualToTheNameAlwaysMatches() {
        qt().forAll(names(), names(), booleans().all()).checkAssert((database, table, upperCasePattern) -> {
            String pattern = database + "." + table;
            TableFilter filter = new TableFilter(
                    List.of(upperCasePattern ? pattern.toUpperCase(Locale.ROOT) : pattern), List.of());
            assertThat(filter.includesTable(database, table)).isTrue();
            assertThat(filter.mayIncludeDatabase(database)).isTrue();
        });
    }

    @Test
    void anExcludedNameIsNeverSelected() {
        qt().forAll(names(), names()).checkAssert((database, table) -> {
            TableFilter filter = new TableFilter(List.of("*.*"), List.of(database + "." + table));
            assertThat(filter.includesTable(database, table)).isFalse();
        });
    }

    @Test
    void aLiteralPatternMatchesOnlyItsOwnName() {
        qt().forAll(names(), names()).checkAssert((table, other) -> {
            TableFilter filter = new TableFilter(List.of("db." + table), List.of());
            assertThat(filter.includesTable("db", other)).isEqualTo(table.equalsIgnoreCase(other));
        });
    }

    /** Names of 1 to 12 letters, digits and underscores; a quarter from a tiny alphabet so that names often meet. */
    private static Gen<String> names() {
        return words("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", 12).mix(words("aAb_", 3), 25);
    }

    private static Gen<String> words(String alphabet, int maxLength) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(chars)).ofSizeBetween(1, maxLength)
                .map(word -> word.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static List<String> list(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank() ? List.of()
                : Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }
}
