package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

/** Partition names as Hive's {@code FileUtils.makePartName} / {@code escapePathName} spell them. */
class PartitionNamesTest {
    private static final List<ColumnSpec> DS = List.of(ColumnSpec.of("ds", "string"));

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "2024-01-01          | ds=2024-01-01",
            "a/b                 | ds=a%2Fb",
            "k=v                 | ds=k%3Dv",
            "10:30:00            | ds=10%3A30%3A00",
            "100%                | ds=100%25",
            "%2F                 | ds=%252F",
            "a#b?c*d             | ds=a%23b%3Fc%2Ad",
            "`it's \"q\"`        | ds=it%27s %22q%22",
            "a\\b                | ds=a%5Cb",
            "{x}[y]^z            | ds=%7Bx}%5By%5D%5Ez",
            "`with space`        | ds=with space",
            "été-ü               | ds=été-ü",
            "``                  | ds=__HIVE_DEFAULT_PARTITION__",
    })
    void escapesValuesAsHiveDoes(String value, String expected) {
        assertThat(PartitionNames.name(DS, List.of(value))).isEqualTo(expected);
    }

    @Test
    void escapesControlCharactersAndDelete() {
        assertThat(PartitionNames.name(DS, List.of("a\u0001b\tc\u007F"))).isEqualTo("ds=a%01b%09c%7F");
    }

    @Test
    void aNullValueIsTheDefaultPartition() {
        assertThat(PartitionNames.name(DS, Arrays.asList((String) null))).isEqualTo("ds=__HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void joinsSeveralKeysInOrderAndEscapesKeysToo() {
        List<ColumnSpec> keys = List.of(ColumnSpec.of("ds", "string"), ColumnSpec.of("hour", "int"),
                ColumnSpec.of("k:x", "string"));
        assertThat(PartitionNames.name(keys, List.of("2024-01-01", "03", "")))
                .isEqualTo("ds=2024-01-01/hour=03/k%3Ax=__HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void tableSnapshotUsesTheSameNames() {
        TableSnapshot table = new TableSnapshot(TableRef.of("sales", "orders"), TableSnapshot.EXTERNAL_TABLE, "",
                List.of(), DS, null, null, null);
        assertThat(table.partitionName(List.of("a/b"))).isEqualTo("ds=a%2Fb");
    }

    @Test
    void refusesValuesThatDoNotMatchTheKeys() {
        assertThatThrownBy(() -> PartitionNames.name(DS, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b]");
    }

    @Test
    void anEscapedValueIsOneSafePathSegmentThatUnescapesToTheValue() {
        qt().forAll(strings().betweenCodePoints('\u0001', '\u00ff').ofLengthBetween(1, 20)).checkAssert(value -> {
            String escaped = PartitionNames.escape(value);
            assertThat(escaped).doesNotContain("/", "=", ":");
            assertThat(unescape(escaped)).isEqualTo(value);
        });
    }

    /** The right value is sometimes the left one's escaped spelling, the pair a lossy escaping would merge. */
    @Test
    void distinctValuesGetDistinctNames() {
        qt().forAll(shortValues(), shortValues(), booleans().all()).checkAssert((left, other, escapedLeft) -> {
            String right = escapedLeft ? PartitionNames.escape(left) : other;
            if (!left.equals(right)) {
                assertThat(PartitionNames.escape(left)).isNotEqualTo(PartitionNames.escape(right));
            }
        });
    }

    /** One to eight characters: any of the basic multilingual plane, or ones that escaping and its output share. */
    private static Gen<String> shortValues() {
        Gen<String> tricky = lists().of(arbitrary().pick('%', '2', '5', 'F', 'f', '/', '=', ':', '\u0001', 'a'))
                .ofSizeBetween(1, 8).map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
        return strings().basicMultilingualPlaneAlphabet().ofLengthBetween(1, 8).mix(tricky);
    }

    /** Hive's {@code FileUtils.unescapePathName}. */
    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && isHex(escaped, i + 1)) {
                out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int at) {
        return at + 2 <= text.length() && text.substring(at, at + 2).matches("[0-9A-Fa-f]{2}");
    }
}
