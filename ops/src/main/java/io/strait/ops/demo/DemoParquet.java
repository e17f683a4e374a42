package io.strait.ops.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes the demo's Parquet files: taxi trips with an id, a rider, a fare and a distance. */
final class DemoParquet {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message trip { required int64 trip_id; required binary rider (UTF8); required double fare;"
                    + " required double distance_km; }");

    private DemoParquet() {
    }

    /** Writes {@code rows} deterministic rows (from {@code seed}) to a new Parquet file. */
    static void write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (int row = 0; row < rows; row++) {
                writer.write(groups.newGroup()
                        .append("trip_id", seed * 1_000_000L + row)
                        .append("rider", "rider-" + random.nextInt(5_000))
                        .append("fare", Math.round(random.nextDouble() * 8_000) / 100.0)
                        .append("distance_km", Math.round(random.nextDouble() * 4_000) / 100.0));
            }
        }
    }
}
