package io.strait.common.copy;

/** The verification outcome of one copied file. Only {@link #VERIFIED} counts as a successful copy. */
public enum FileVerification {
    /** Not copied yet. */
    PENDING,
    /** Source bytes read and an independent re-read of the closed target file have equal checksums and lengths. */
    VERIFIED,
    /** The checksums or lengths differ: the copy is wrong. */
    MISMATCH,
    /** A checksum could not be computed on one side; never counted as success. */
    UNVERIFIABLE,
    /** The copy itself failed (read, write or close error). */
    FAILED
}
