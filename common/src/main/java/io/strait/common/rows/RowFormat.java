package io.strait.common.rows;

import io.strait.common.metastore.StorageFormat;
import java.util.Locale;
import java.util.Optional;

/** A file format whose rows the row-level reconcile can read. */
public enum RowFormat {
    PARQUET,
    ORC;

    /** The format a storage descriptor names through its input format or serde; empty when neither is known. */
    public static Optional<RowFormat> of(StorageFormat storage) {
        String named = (storage.inputFormat() + " " + storage.serializationLib()).toLowerCase(Locale.ROOT);
        if (named.contains("parquet")) {
            return Optional.of(PARQUET);
        }
        if (named.contains(".orc.") || named.contains("orcinputformat") || named.contains("orcserde")) {
            return Optional.of(ORC);
        }
        return Optional.empty();
    }

    /** {@code parquet} or {@code orc}, as Spark's data source names it. */
    public String sourceName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
