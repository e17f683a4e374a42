package io.strait.spark;

/** A file the digest (Parquet or ORC) cannot read as Spark would (its table takes the Spark SQL path). */
final class UndigestibleFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndigestibleFileException(String message) {
        super(message);
    }
}
