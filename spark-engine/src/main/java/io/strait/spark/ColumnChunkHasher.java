package io.strait.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;

/**
 * Combines each row's hash with the value hashes of one column chunk of a flat column, a page at a time: the
 * definition levels and dictionary ids of a page are decoded in bulk ({@link RunLengthBitPackedInts}), a dictionary
 * id's hash looked up in the chunk's dictionary hashes, PLAIN values hashed from the page's bytes
 * ({@link ValueHasher}); other encodings go through parquet-mr's readers.
 */
final class ColumnChunkHasher {
    private final ColumnDescriptor column;
    private final ValueHasher hasher;
    private final int maxDefinition;
    private final int levelBits;
    private int[] levels = new int[0];
    private int[] ids = new int[0];
    private long[] values = new long[0];

    ColumnChunkHasher(ColumnDescriptor column, ValueHasher hasher) {
        if (column.getMaxRepetitionLevel() != 0) {
            throw new UndigestibleFileException("column " + column + " is repeated");
        }
        this.column = column;
        this.hasher = hasher;
        this.maxDefinition = column.getMaxDefinitionLevel();
        this.levelBits = BytesUtils.getWidthFromMaxInt(maxDefinition);
    }

    ColumnDescriptor column() {
        return column;
    }

    /** Combines {@code hashes} (one per row of the chunk's row group) with the chunk's values in {@code pages}. */
    void combine(PageReader pages, long[] hashes) throws IOException {
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        long[] dictionary = dictionaryPage == null ? null
                : hasher.dictionaryHashes(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
        int row = 0;
        ValuesReader previous = null;
        for (DataPage page = pages.readPage(); page != null; page = pages.readPage()) {
            int count = page.getValueCount();
            if (row + count > hashes.length) {
                throw new IllegalStateException("column " + column + " has more values than its row group has rows");
            }
            ensureCapacity(count);
            ByteBuffer data;
            Encoding encoding;
            if (page instanceof DataPageV1 v1) {
                data = v1.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                if (maxDefinition > 0) {
                    if (v1.getDlEncoding() != Encoding.RLE) {
                        throw new UndigestibleFileException("definition levels of " + column + " encoded "
                                + v1.getDlEncoding());
                    }
                    int length = data.getInt();
                    new RunLengthBitPackedInts(data.slice(data.position(), length), levelBits).read(levels, count);
                    data.position(data.position() + length);
                }
                encoding = v1.getValueEncoding();
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                if (maxDefinition > 0) {
                    new RunLengthBitPackedInts(v2.getDefinitionLevels().toByteBuffer()
                            .order(ByteOrder.LITTLE_ENDIAN), levelBits).read(levels, count);
                }
                data = v2.getData().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                encoding = v2.getDataEncoding();
            }
            int present = maxDefinition == 0 ? count : present(count);
            previous = readValues(encoding, data, count, present, dictionary, previous);
            combinePage(hashes, row, count);
            row += count;
        }
        if (row != hashes.length) {
            throw new IllegalStateException("column " + column + " has " + row + " values for " + hashes.length
                    + " rows");
        }
    }

    private int present(int count) {
        int present = 0;
        for (int i = 0; i < count; i++) {
            if (levels[i] == maxDefinition) {
                present++;
            }
        }
        return present;
    }

    /** The hashes of the page's {@code present} values into {@link #values}; the reader used, if any. */
    private ValuesReader readValues(Encoding encoding, ByteBuffer data, int count, int present, long[] dictionary,
            ValuesReader previous) throws IOException {
        if (encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new IllegalStateException("column " + column
                        + " has a dictionary-encoded page but no dictionary");
            }
            int bitWidth = data.get() & 0xFF;
            new RunLengthBitPackedInts(data.slice(), bitWidth).read(ids, present);
            for (int i = 0; i < present; i++) {
                values[i] = dictionary[ids[i]];
            }
            return previous;
        }
        if (encoding == Encoding.PLAIN && hasher.plain(data, values, present)) {
            return previous;
        }
        ValuesReader reader = encoding.getValuesReader(column, ValuesType.VALUES);
        reader.initFromPage(count, ByteBufferInputStream.wrap(data.slice()));
        if (previous instanceof RequiresPreviousReader && reader instanceof RequiresPreviousReader later) {
            later.setPreviousReader(previous); // PARQUET-246: files of early writers carry a value across pages
        }
        for (int i = 0; i < present; i++) {
            values[i] = hasher.next(reader);
        }
        return reader;
    }

    private void combinePage(long[] hashes, int row, int count) {
        if (maxDefinition == 0) {
            for (int i = 0; i < count; i++) {
                hashes[row + i] = RowDigest.combine(hashes[row + i], values[i]);
            }
            return;
        }
        int next = 0;
        for (int i = 0; i < count; i++) {
            long value = levels[i] == maxDefinition ? values[next++] : ValueHash.NULL;
            hashes[row + i] = RowDigest.combine(hashes[row + i], value);
        }
    }

    private void ensureCapacity(int count) {
        if (levels.length < count) {
            levels = new int[count];
            ids = new int[count];
            values = new long[count];
        }
    }
}
