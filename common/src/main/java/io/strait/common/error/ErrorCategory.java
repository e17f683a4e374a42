package io.strait.common.error;

/**
 * What kind of failure an error is. The category decides whether an operation is retried, how it is counted,
 * and which exit code the CLI returns.
 */
public enum ErrorCategory {
    /** Bad input or configuration: retrying does not help; the user must change something. */
    USER_ERROR,
    /** A service outside Strait (metastore, filesystem, state store) failed or was unreachable: often transient. */
    EXTERNAL,
    /** A bug or a broken invariant inside Strait. */
    INTERNAL
}
