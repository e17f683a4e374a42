package io.strait.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;

/**
 * The digest ({@link ObjectDigest}) of the rows of one ORC file, or of the stripes of one of its byte ranges (those
 * whose first byte lies in the range, as ORC's reader and Spark's ORC splits assign them), over
 * {@link DigestColumn columns} in their order, with the value and row hashes of the Parquet digest
 * ({@link ValueHash}, {@link RowDigest}).
 *
 * <p>Read with orc-core's vectorized reader, only the needed top-level fields included: each batch's row hashes are
 * combined one column at a time ({@link OrcColumnHasher}), then finished and added up ({@link RowDigest}). Fields
 * are matched to columns as Spark's ORC reader does by default: by name, exactly, else ignoring case where only one
 * field matches. A column the file lacks is null in each row; a file whose fields are Hive's positional
 * {@code _col<N>} names (which Spark maps by position), a column whose ORC type the digest cannot equate with its
 * Spark type ({@link OrcColumnHasher#kind}), or two columns matching one field make the file
 * {@link UndigestibleFileException undigestible}.
 */
final class OrcDigester implements FileDigester {
    /** Rows per batch by default. */
    static final int BATCH_ROWS = 4_096;
    private static final String POSITIONAL_NAME = "_col\\d+";
    private final List<DigestColumn> columns;
    private final int batchRows;

    OrcDigester(List<DigestColumn> columns) {
        this(columns, BATCH_ROWS);
    }

    /** A digester reading {@code batchRows} rows per batch (the digest does not depend on it). */
    OrcDigester(List<DigestColumn> columns, int batchRows) {
        this.columns = List.copyOf(columns);
        this.batchRows = batchRows;
    }

    /** The digest of the stripes of {@code path} whose first byte lies in [{@code start}, {@code end}). */
    @Override
    public ObjectDigest digest(Configuration conf, Path path, long start, long end) throws IOException {
        try (Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(conf))) {
            TypeDescription schema = reader.getSchema();
            boolean[] include = new boolean[schema.getMaximumId() + 1];
            include[0] = true;
            OrcColumnHasher[] byColumn = hashers(path, schema, include);
            Reader.Options options = reader.options().range(start, end - start).include(include);
            try (RecordReader rows = reader.rows(options)) {
                VectorizedRowBatch batch = schema.createRowBatch(batchRows);
                long[] hashes = new long[batch.getMaxSize()];
                ObjectDigest digest = ObjectDigest.EMPTY;
                while (rows.nextBatch(batch)) {
                    digest = digest.plus(batch(batch, byColumn, hashes));
                }
                return digest;
            }
        }
    }

    /**
     * Each column's hasher in column order ({@code null} for a column the file lacks), its field marked in
     * {@code include}.
     */
    private OrcColumnHasher[] hashers(Path path, TypeDescription schema, boolean[] include) {
        if (schema.getCategory() != TypeDescription.Category.STRUCT) {
            throw new UndigestibleFileException(path + ": the file's schema is not a struct: " + schema);
        }
        List<String> names = schema.getFieldNames();
        if (!names.isEmpty() && names.stream().allMatch(name -> name.matches(POSITIONAL_NAME))) {
            throw new UndigestibleFileException(path + ": fields " + names + " are positional (Spark maps them by "
                    + "position)");
        }
        OrcColumnHasher[] hashers = new OrcColumnHasher[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            DigestColumn column = columns.get(c);
            OptionalInt field = field(names, column.name());
            if (field.isEmpty()) {
                continue;
            }
            TypeDescription type = schema.getChildren().get(field.getAsInt());
            OrcColumnHasher.Kind kind = OrcColumnHasher.kind(type, column.type()).orElseThrow(() ->
                    new UndigestibleFileException(path + ": field " + names.get(field.getAsInt()) + " of type "
                            + type + " is not read as " + column.type().simpleString() + " by the digest"));
            if (include[type.getId()]) {
                throw new UndigestibleFileException(path + ": field " + names.get(field.getAsInt())
                        + " matches more than one column");
            }
            include[type.getId()] = true;
            hashers[c] = new OrcColumnHasher(field.getAsInt(), kind, type);
        }
        return hashers;
    }

    /** The digest of a batch's rows: each row's hash over the columns in order, finished and added up. */
    private static ObjectDigest batch(VectorizedRowBatch batch, OrcColumnHasher[] hashers, long[] hashes) {
        if (batch.selectedInUse) {
            throw new IllegalStateException("a batch read without a filter selects rows");
        }
        int rows = batch.size;
        Arrays.fill(hashes, 0, rows, RowDigest.START);
        for (OrcColumnHasher hasher : hashers) {
            if (hasher == null) {
                for (int r = 0; r < rows; r++) {
                    hashes[r] = RowDigest.combine(hashes[r], ValueHash.NULL);
                }
            } else {
                hasher.combine(batch.cols, rows, hashes);
            }
        }
        long sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += RowDigest.finish(hashes[r]);
        }
        return new ObjectDigest(rows, sum);
    }

    /**
     * The index of the file's top-level field {@code name} among {@code names} (exactly, else ignoring case if only
     * one field matches so); empty when the file has none.
     */
    static OptionalInt field(List<String> names, String name) {
        int exact = names.indexOf(name);
        if (exact >= 0) {
            return OptionalInt.of(exact);
        }
        int[] matches = IntStream.range(0, names.size()).filter(i -> names.get(i).equalsIgnoreCase(name)).toArray();
        if (matches.length > 1) {
            throw new UndigestibleFileException("fields " + Arrays.stream(matches).mapToObj(names::get).toList()
                    + " all match column " + name);
        }
        return matches.length == 0 ? OptionalInt.empty() : OptionalInt.of(matches[0]);
    }
}
