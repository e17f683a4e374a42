package io.strait.common.rows;

import io.strait.common.metastore.TableRef;
import java.util.List;

/**
 * Compares the rows of a table's objects between two regions. An implementation reads each side's files at the
 * given locations (never through a metastore), computes per object the row count and an order-independent hash of
 * all rows on both sides, and where they differ narrows down to the differing rows.
 */
public interface RowComparer {
    /**
     * One comparison per object, in the order given; an object that cannot be read is a failed comparison, never an
     * exception.
     *
     * @param sampleRows differing rows kept per object at most
     */
    List<RowComparison> compare(TableRef table, List<RowObject> objects, int sampleRows);
}
