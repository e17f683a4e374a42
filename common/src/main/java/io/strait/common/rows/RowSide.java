package io.strait.common.rows;

/** Which side holds a differing row (a row counted once more on that side than on the other). */
public enum RowSide {
    SOURCE_ONLY,
    TARGET_ONLY
}
