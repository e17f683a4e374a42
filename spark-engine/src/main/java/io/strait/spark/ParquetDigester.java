package io.strait.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The digest ({@link ObjectDigest}) of the rows of one Parquet file, or of the row groups of one of its byte ranges
 * (those whose middle lies in the range, as Spark splits files), over {@link DigestColumn columns} in their order.
 *
 * <p>Read with parquet-mr's file reader (footer, row groups, decompressed pages), one column at a time per row
 * group: each row's hash is combined with the column's value hash ({@link RowDigest#combine},
 * {@link ColumnChunkHasher}), a dictionary-encoded value's hash looked up by its dictionary id. A column the file
 * lacks is null in each row (as Spark reads it); a column whose type the digest cannot equate with the Spark type
 * ({@link ColumnKind#of}) makes the file {@link UndigestibleFileException undigestible}.
 */
final class ParquetDigester {
    private final List<DigestColumn> columns;

    ParquetDigester(List<DigestColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The digest of the row groups of {@code path} whose middle lies in [{@code start}, {@code end}). */
    ObjectDigest digest(Configuration conf, Path path, long start, long end) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf),
                HadoopReadOptions.builder(conf, path).withRange(start, end).build())) {
            MessageType fileSchema = reader.getFileMetaData().getSchema();
            List<Type> present = new ArrayList<>();
            ValueHasher[] hashers = new ValueHasher[columns.size()];
            String[] fields = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                DigestColumn column = columns.get(c);
                Optional<Type> field = field(fileSchema, column.name());
                if (field.isEmpty()) {
                    continue;
                }
                ColumnKind kind = ColumnKind.of(field.get(), column.type()).orElseThrow(() ->
                        new UndigestibleFileException(path + ": column " + field.get() + " is not read as "
                                + column.type().simpleString() + " by the digest"));
                if (present.contains(field.get())) {
                    throw new UndigestibleFileException(path + ": field " + field.get().getName()
                            + " matches more than one column");
                }
                present.add(field.get());
                fields[c] = field.get().getName();
                hashers[c] = ValueHasher.of(kind, field.get().asPrimitiveType());
            }
            MessageType projection = new MessageType(fileSchema.getName(), present);
            ColumnChunkHasher[] chunks = new ColumnChunkHasher[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                if (hashers[c] != null) {
                    chunks[c] = new ColumnChunkHasher(projection.getColumnDescription(new String[] {fields[c]}),
                            hashers[c]);
                }
            }
            reader.setRequestedSchema(projection);
            ObjectDigest digest = ObjectDigest.EMPTY;
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null;
                    rowGroup = reader.readNextRowGroup()) {
                digest = digest.plus(rowGroup(rowGroup, projection, chunks));
            }
            return digest;
        }
    }

    private static ObjectDigest rowGroup(PageReadStore rowGroup, MessageType projection, ColumnChunkHasher[] chunks)
            throws IOException {
        int rows = Math.toIntExact(rowGroup.getRowCount());
        long[] hashes = new long[rows];
        Arrays.fill(hashes, RowDigest.START);
        for (ColumnChunkHasher chunk : chunks) {
            if (chunk == null) {
                for (int r = 0; r < rows; r++) {
                    hashes[r] = RowDigest.combine(hashes[r], ValueHash.NULL);
                }
            } else {
                chunk.combine(rowGroup.getPageReader(chunk.column()), hashes);
            }
        }
        long sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += RowDigest.finish(hashes[r]);
        }
        return new ObjectDigest(rows, sum);
    }

    /**
     * The file's top-level field {@code name} (matched as Spark does by default: exactly, else ignoring case if
     * only one field matches so); empty when the file has none.
     */
    static Optional<Type> field(MessageType fileSchema, String name) {
        if (fileSchema.containsField(name)) {
            return Optional.of(fileSchema.getType(name));
        }
        List<Type> matches = fileSchema.getFields().stream().filter(f -> f.getName().equalsIgnoreCase(name)).toList();
        if (matches.size() > 1) {
            throw new UndigestibleFileException("fields " + matches + " all match column " + name);
        }
        return matches.stream().findFirst();
    }
}
