package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.rows.RowFormat;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which passes the file digest takes, table-driven: the format of their objects and the columns of both sides. */
class FileDigestJobTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Spark type | digested in Parquet | digested in ORC
        "boolean|true|true",
        "tinyint|true|true",
        "smallint|true|true",
        "int|true|true",
        "bigint|true|true",
        "float|true|true",
        "double|true|true",
        "string|true|true",
        "binary|true|true",
        "decimal(9,2)|true|true",
        "decimal(30,5)|true|true",
        "date|true|true",
        "timestamp|true|true",
        "timestamp_ntz|true|false",
        "array<int>|false|false",
        "map<string,int>|false|false",
        "struct<a:int>|false|false",
    })
    void whichColumnTypesEachFormatsDigestReads(String type, boolean parquet, boolean orc) {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("c", DataType.fromDDL(type));

        assertThat(FileDigestJob.columns(RowFormat.PARQUET, schema, schema).isPresent()).isEqualTo(parquet);
        assertThat(FileDigestJob.columns(RowFormat.ORC, schema, schema).isPresent()).isEqualTo(orc);
    }

    @Test
    void theColumnsAreBothSidesSortedByNameWhenTheyAreTheSame() {
        StructType source = new StructType().add("b", DataTypes.StringType).add("a", DataTypes.LongType);
        StructType reordered = new StructType().add("a", DataTypes.LongType).add("b", DataTypes.StringType);
        List<DigestColumn> sorted = List.of(new DigestColumn("a", DataTypes.LongType),
                new DigestColumn("b", DataTypes.StringType));

        for (RowFormat format : RowFormat.values()) {
            assertThat(FileDigestJob.columns(format, source, reordered)).hasValue(sorted);
            assertThat(FileDigestJob.columns(format, new StructType(), reordered)).as("a side without files")
                    .hasValue(sorted);
            assertThat(FileDigestJob.columns(format, source, source.add("c", DataTypes.IntegerType))).isEmpty();
            assertThat(FileDigestJob.columns(format, source, new StructType().add("a", DataTypes.IntegerType)
                    .add("b", DataTypes.StringType))).as("another type").isEmpty();
            assertThat(FileDigestJob.columns(format, new StructType(), new StructType())).isEmpty();
        }
    }

    @Test
    void aPassIsDigestedInItsObjectsOneFormat() {
        assertThat(FileDigestJob.format(List.of(RowFormat.PARQUET, RowFormat.PARQUET))).hasValue(RowFormat.PARQUET);
        assertThat(FileDigestJob.format(List.of(RowFormat.ORC, RowFormat.ORC, RowFormat.ORC))).hasValue(RowFormat.ORC);
        assertThat(FileDigestJob.format(List.of(RowFormat.ORC, RowFormat.PARQUET))).isEmpty();
        assertThat(FileDigestJob.format(List.of())).isEmpty();
        assertThat(FileDigestJob.digester(RowFormat.ORC, List.of())).isInstanceOf(OrcDigester.class);
        assertThat(FileDigestJob.digester(RowFormat.PARQUET, List.of())).isInstanceOf(ParquetDigester.class);
    }
}
