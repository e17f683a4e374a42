package io.strait.spark;

/**
 * How the file digests (Parquet, ORC) combine values into a row hash and rows into an object's digest, as pure
 * functions: a row hash starts at {@link #START}, takes each column's value hash ({@link ValueHash},
 * {@link ValueHash#NULL} for a null) in the columns' order ({@link #combine}, which depends on the order: swapped
 * values make another row) and is {@link #finish finished} by an avalanche; an object's digest is its row count and
 * the sum of its rows' hashes modulo 2^64 ({@link ObjectDigest}), which depends on no order of rows, and which a
 * duplicated row changes.
 */
final class RowDigest {
    static final long START = 0x27D4EB2F165667C5L;
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;

    private RowDigest() {
    }

    /** The row hash so far {@code rowHash} followed by a column whose value hash is {@code valueHash}. */
    static long combine(long rowHash, long valueHash) {
        long lane = Long.rotateLeft(valueHash * PRIME_2, 31) * PRIME_1;
        return Long.rotateLeft(rowHash ^ lane, 27) * PRIME_1 + PRIME_4;
    }

    /** The final hash of a row whose columns were all combined into {@code rowHash}. */
    static long finish(long rowHash) {
        long h = rowHash;
        h ^= h >>> 33;
        h *= PRIME_2;
        h ^= h >>> 29;
        h *= PRIME_3;
        h ^= h >>> 32;
        return h;
    }

    /** The finished hash of a row of {@code valueHashes}, in column order. */
    static long ofRow(long... valueHashes) {
        long h = START;
        for (long value : valueHashes) {
            h = combine(h, value);
        }
        return finish(h);
    }
}
