package io.strait.spark;

import java.io.Serializable;

/** What an executor sends back for a {@link DigestSplit}: its digest, or why the digest could not read it. */
record SplitDigest(DigestSplit split, ObjectDigest digest, String undigestible) implements Serializable {
    static SplitDigest of(DigestSplit split, ObjectDigest digest) {
        return new SplitDigest(split, digest, "");
    }

    static SplitDigest undigestible(DigestSplit split, String reason) {
        return new SplitDigest(split, ObjectDigest.EMPTY, reason);
    }

    boolean digested() {
        return undigestible.isEmpty();
    }
}
