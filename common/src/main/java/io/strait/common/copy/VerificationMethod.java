package io.strait.common.copy;

/**
 * How a copied file is verified, chosen per file by {@link #choose} from what the two filesystems report as the
 * files' checksums ({@link io.strait.common.region.FileIdentity#checksumOrVersion}).
 */
public enum VerificationMethod {
    /**
     * Both sides are HDFS with {@code dfs.checksum.combine.mode=COMPOSITE_CRC} and CRC32C chunk checksums: each
     * side's DataNodes compose the file's CRC32C from the chunk checksums they store (no data is read, and the
     * value does not depend on block size or on the client that wrote the file). The target's value must equal the
     * source's and the CRC32C Strait computed over the bytes it read. The target's DataNodes checked every chunk
     * against its checksum when they received it, so this proves the target stores checksums of exactly the source's
     * bytes, and that the bytes arrived intact; it does not read the target's block files again (a replica's data
     * damaged on disk later is found by checksum-verifying reads: HDFS's block scanner, any client read, or
     * reconcile at {@code bytes} depth).
     */
    STORED_CHECKSUMS,
    /** The closed target file is opened again and every byte re-read; its CRC32C must equal the source's. */
    TARGET_REREAD,
    /**
     * A reused file (delta copy) that is the previous version's file itself: a hard link whose file key (device and
     * inode) is the previous file's, of the length the previous manifest recorded, and unmodified since that file
     * was verified (its modification time is not later than the time the previous manifest recorded it). Its bytes
     * are the bytes whose CRC32C was verified when they were sent, so they are not read again; damage to the stored
     * bytes since then (bit rot) is found by reconcile at {@code bytes} depth, for the old and the new version alike.
     */
    SAME_FILE;

    /** The algorithm of HDFS's composite file checksum over CRC32C chunk checksums. */
    public static final String COMPOSITE_CRC32C = "COMPOSITE-CRC32C";

    /**
     * The verification for a file whose source reports {@code sourceChecksumOrVersion} and whose written target
     * reports {@code targetChecksumOrVersion} (each {@code <algorithm>:<value>}, empty when the filesystem offers
     * none). Only two composite CRC32C checksums are comparable stand-ins for the bytes: an entity tag is not a
     * checksum (multipart uploads, encryption), HDFS's default MD5-of-MD5 checksum depends on the block size, and
     * {@code file:} has none.
     */
    public static VerificationMethod choose(String sourceChecksumOrVersion, String targetChecksumOrVersion) {
        return isCompositeCrc32c(sourceChecksumOrVersion) && isCompositeCrc32c(targetChecksumOrVersion)
                ? STORED_CHECKSUMS : TARGET_REREAD;
    }

    /** True for an HDFS composite CRC32C file checksum ({@code COMPOSITE-CRC32C:<8 hex digits>}). */
    public static boolean isCompositeCrc32c(String checksumOrVersion) {
        return COMPOSITE_CRC32C.equals(algorithm(checksumOrVersion));
    }

    /** The part before the first {@code ':'}, empty if there is none. */
    static String algorithm(String checksumOrVersion) {
        int colon = checksumOrVersion == null ? -1 : checksumOrVersion.indexOf(':');
        return colon < 0 ? "" : checksumOrVersion.substring(0, colon);
    }
}
