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
 * Combines each row's hash with the value hashes of one column chunk of a flat column, rows a batch at a time and
 * the chunk's pages one after the other: the definition levels and dictionary ids of a page are decoded in bulk
 * ({@link RunLengthBitPackedInts}), a dictionary id's hash looked up in the chunk's dictionary hashes, PLAIN values
 * hashed from the page's bytes ({@link ValueHasher}); other encodings go through parquet-mr's readers.
 */
final class ColumnChunkHasher {
    private final ColumnDescriptor column;
    private final ValueHasher hasher;
    private final int maxDefinition;
    private final int levelBits;
    private PageReader pages;
    private long[] dictionary;
    private ValuesReader previous;
    /** The current page: its levels, the hashes of its present values, and how far the rows have taken them. */
    private int[] levels = new int[0];
    private int[] ids = new int[0];
    private long[] values = new long[0];
    private int pageCount;
    private int pageNext;
    private int valueNext;

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

    /** Starts on a row group's chunk of this column: its dictionary's hashes, if it has one. */
    void start(PageReader chunk) {
        pages = chunk;
        DictionaryPage dictionaryPage = chunk.readDictionaryPage();
        try {
            dictionary = dictionaryPage == null ? null
                    : hasher.dictionaryHashes(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dictionary of " + column + ": " + e.getMessage(), e);
        }
        previous = null;
        pageCount = 0;
        pageNext = 0;
        valueNext = 0;
    }

    /** Combines {@code hashes[0..rows)} with the chunk's values of the next {@code rows} rows. */
    void combine(long[] hashes, int rows) throws IOException {
        int row = 0;
        while (row < rows) {
            if (pageNext == pageCount) {
                DataPage page = pages.readPage();
                if (page == null) {
                    throw new IllegalStateException("column " + column + " has fewer values than rows");
                }
                read(page);
            }
            int n = Math.min(rows - row, pageCount - pageNext);
            if (maxDefinition == 0) {
                for (int i = 0; i < n; i++) {
                    hashes[row + i] = RowDigest.combine(hashes[row + i], values[valueNext + i]);
                }
                valueNext += n;
            } else {
                for (int i = 0; i < n; i++) {
                    long value = levels[pageNext + i] == maxDefinition ? values[valueNext++] : ValueHash.NULL;
                    hashes[row + i] = RowDigest.combine(hashes[row + i], value);
                }
            }
            pageNext += n;
            row += n;
        }
    }

    /** Whether every value of the chunk was taken by a row. */
    boolean finished() {
        return pageNext == pageCount && pages.readPage() == null;
    }

    /** Decodes {@code page}: its levels and the hashes of its present values. */
    private void read(DataPage page) throws IOException {
        int count = page.getValueCount();
        if (levels.length < count) {
            levels = new int[count];
            ids = new int[count];
            values = new long[count];
        }
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
                new RunLengthBitPackedInts(v2.getDefinitionLevels().toByteBuffer(), levelBits).read(levels, count);
            }
            data = v2.getData().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            encoding = v2.getDataEncoding();
        }
        readValues(encoding, data, count, maxDefinition == 0 ? count : present(count));
        pageCount = count;
        pageNext = 0;
        valueNext = 0;
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

    /** The hashes of the page's {@code present} values into {@link #values}. */
    private void readValues(Encoding encoding, ByteBuffer data, int count, int present) throws IOException {
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
            return;
        }
        if (encoding == Encoding.PLAIN && hasher.plain(data, values, present)) {
            return;
        }
        ValuesReader reader = encoding.getValuesReader(column, ValuesType.VALUES);
        reader.initFromPage(count, ByteBufferInputStream.wrap(data.slice()));
        if (previous instanceof RequiresPreviousReader && reader instanceof RequiresPreviousReader later) {
            later.setPreviousReader(previous); // PARQUET-246: files of early writers carry a value across pages
        }
        for (int i = 0; i < present; i++) {
            values[i] = hasher.next(reader);
        }
        previous = reader;
    }
}
