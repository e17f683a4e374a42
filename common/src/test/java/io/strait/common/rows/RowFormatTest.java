package io.strait.common.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.metastore.StorageFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFormatTest {
    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat, org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe, PARQUET",
            "'',                                                           org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe, PARQUET",
            "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat,              org.apache.hadoop.hive.ql.io.orc.OrcSerde,                   ORC",
            "'',                                                           org.apache.hadoop.hive.ql.io.orc.OrcSerde,                   ORC",
            "org.apache.hadoop.mapred.TextInputFormat,                     org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe,          ''",
            "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat,   org.apache.hadoop.hive.serde2.avro.AvroSerDe,                ''",
            "'',                                                           '',                                                          ''"})
    void theStorageDescriptorNamesTheFormat(String inputFormat, String serde, String expected) {
        StorageFormat storage = new StorageFormat(inputFormat, "", serde, Map.of());
        assertThat(RowFormat.of(storage)).isEqualTo(expected.isEmpty() ? Optional.empty()
                : Optional.of(RowFormat.valueOf(expected)));
    }
}
