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
final class ParquetDigester implements FileDigester {
    /** Rows whose hashes are combined at once by default (a batch's hashes: 512 KiB). */
    static final int BATCH_ROWS = 65_536;
    private final List<DigestColumn> columns;
    private final int batchRows;

    ParquetDigester(List<DigestColumn> columns) {
        this(columns, BATCH_ROWS);
    }

    /** A digester combining {@code batchRows} rows at a time (the digest does not depend on it). */
    ParquetDigester(List<DigestColumn> columns, int batchRows) {
        this.columns = List.copyOf(columns);
        this.batchRows = batchRows;
    }

    /** The digest of the row groups of {@code path} whose middle lies in [{@code start}, {@code end}). */
    @Override
    public ObjectDigest digest(Configuration conf, Path path, long start, long end) throws IOException {
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
                digest = digest.plus(rowGroup(rowGroup, chunks));
            }
            return digest;
        }
    }

    /**
     * The digest of a row group's rows, {@code batchRows} rows at a time (each column's values combined into the
     * batch's row hashes, then the next batch), so that memory stays bounded whatever the row group's row count.
     */
    private ObjectDigest rowGroup(PageReadStore rowGroup, ColumnChunkHasher[] chunks) throws IOException {
        long rows = rowGroup.getRowCount();
        for (ColumnChunkHasher chunk : chunks) {
            if (chunk != null) {
                chunk.start(rowGroup.getPageReader(chunk.column()));
            }
        }
        long[] hashes = new long[(int) Math.min(rows, batchRows)];
        long sum = 0;
        for (long done = 0; done < rows; ) {
            int batch = (int) Math.min(rows - done, batchRows);
            Arrays.fill(hashes, 0, batch, RowDigest.START);
            for (ColumnChunkHasher chunk : chunks) {
                if (chunk == null) {
                    for (int r = 0; r < batch; r++) {
                        hashes[r] = RowDigest.combine(hashes[r], ValueHash.NULL);
                    }
                } else {
                    chunk.combine(hashes, batch);
                }
            }
            for (int r = 0; r < batch; r++) {
                sum += RowDigest.finish(hashes[r]);
            }
            done += batch;
        }
        for (ColumnChunkHasher chunk : chunks) {
            if (chunk != null && !chunk.finished()) {
                throw new IllegalStateException("column " + chunk.column() + " has more values than rows");
            }
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
