package io.strait.spark;

import java.io.Serializable;

/**
 * An object's (or a part's) digest: its row count and the sum modulo 2^64 of its rows' hashes ({@link RowDigest}).
 * Parts add up whatever the files, row groups or order of the rows.
 */
record ObjectDigest(long rows, long hashSum) implements Serializable {
    static final ObjectDigest EMPTY = new ObjectDigest(0, 0);

    ObjectDigest plus(ObjectDigest other) {
        return new ObjectDigest(rows + other.rows, hashSum + other.hashSum);
    }

    /** This digest with one more row of the finished hash {@code rowHash}. */
    ObjectDigest withRow(long rowHash) {
        return new ObjectDigest(rows + 1, hashSum + rowHash);
    }
}
