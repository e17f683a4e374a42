package io.strait.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The digest ({@link ObjectDigest}) of the rows of one Parquet file, or of the row groups of one of its byte ranges
 * (those whose middle lies in the range, as Spark splits files), over {@link DigestColumn columns} in their order.
 *
 * <p>Read with parquet-mr's column readers, one column at a time per row group: each row's hash is combined with the
 * column's value hash ({@link RowDigest#combine}), a dictionary-encoded value's hash looked up by its dictionary id
 * ({@link HashingConverter}). A column the file lacks is null in each row (as Spark reads it); a column whose type the
 * digest cannot equate with the Spark type ({@link ColumnKind#of}) makes the file {@link UndigestibleFileException
 * undigestible}.
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
            ColumnDescriptor[] descriptors = new ColumnDescriptor[columns.size()];
            HashingConverter[] converters = new HashingConverter[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                Optional<Type> field = field(fileSchema, columns.get(c).name());
                if (field.isEmpty()) {
                    continue;
                }
                DigestColumn column = columns.get(c);
                ColumnKind kind = ColumnKind.of(field.get(), column.type()).orElseThrow(() ->
                        new UndigestibleFileException(path + ": column " + field.get() + " is not read as "
                                + column.type().simpleString() + " by the digest"));
                if (present.contains(field.get())) {
                    throw new UndigestibleFileException(path + ": field " + field.get().getName()
                            + " matches more than one column");
                }
                present.add(field.get());
                converters[c] = HashingConverter.of(kind, field.get().asPrimitiveType().getPrimitiveTypeName());
            }
            MessageType projection = new MessageType(fileSchema.getName(), present);
            for (int c = 0; c < columns.size(); c++) {
                if (converters[c] != null) {
                    Optional<Type> field = field(fileSchema, columns.get(c).name());
                    descriptors[c] = projection.getColumnDescription(new String[] {field.get().getName()});
                }
            }
            reader.setRequestedSchema(projection);
            GroupConverter root = root(projection, columns, converters, fileSchema);
            String createdBy = reader.getFileMetaData().getCreatedBy();
            ObjectDigest digest = ObjectDigest.EMPTY;
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null;
                    rowGroup = reader.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, root, projection, createdBy);
                digest = digest.plus(rowGroup(store, rowGroup.getRowCount(), descriptors, converters));
            }
            return digest;
        }
    }

    private static ObjectDigest rowGroup(ColumnReadStoreImpl store, long rowCount, ColumnDescriptor[] descriptors,
            HashingConverter[] converters) {
        int rows = Math.toIntExact(rowCount);
        long[] hashes = new long[rows];
        Arrays.fill(hashes, RowDigest.START);
        for (int c = 0; c < descriptors.length; c++) {
            if (descriptors[c] == null) {
                for (int r = 0; r < rows; r++) {
                    hashes[r] = RowDigest.combine(hashes[r], ValueHash.NULL);
                }
            } else {
                combineColumn(store.getColumnReader(descriptors[c]), converters[c], hashes);
            }
        }
        long sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += RowDigest.finish(hashes[r]);
        }
        return new ObjectDigest(rows, sum);
    }

    /** Combines each row's hash with its value's in the column of {@code reader}. */
    private static void combineColumn(ColumnReader reader, HashingConverter converter, long[] hashes) {
        int defined = reader.getDescriptor().getMaxDefinitionLevel();
        for (int r = 0; r < hashes.length; r++) {
            long value;
            if (reader.getCurrentDefinitionLevel() == defined) {
                reader.writeCurrentValueToConverter();
                value = converter.hash;
            } else {
                value = ValueHash.NULL;
            }
            hashes[r] = RowDigest.combine(hashes[r], value);
            reader.consume();
        }
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

    /** The converter tree the column readers take their converters from: the projection's fields in its order. */
    private static GroupConverter root(MessageType projection, List<DigestColumn> columns,
            HashingConverter[] converters, MessageType fileSchema) {
        Converter[] byField = new Converter[projection.getFieldCount()];
        for (int c = 0; c < columns.size(); c++) {
            if (converters[c] != null) {
                String name = field(fileSchema, columns.get(c).name()).orElseThrow().getName();
                byField[projection.getFieldIndex(name)] = converters[c];
            }
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return byField[fieldIndex];
            }

            @Override
            public void start() {
            }

            @Override
            public void end() {
            }
        };
    }
}
