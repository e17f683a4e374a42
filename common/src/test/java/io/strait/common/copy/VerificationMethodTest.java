package io.strait.common.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerificationMethodTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]: {2}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        // HDFS to HDFS, both COMPOSITE_CRC over CRC32C chunks: the DataNodes' checksums are compared
        "COMPOSITE-CRC32C:0a1b2c3d       | COMPOSITE-CRC32C:0a1b2c3d        | STORED_CHECKSUMS",
        // different values are still compared (and then differ): the method does not depend on the values
        "COMPOSITE-CRC32C:0a1b2c3d       | COMPOSITE-CRC32C:ffffffff        | STORED_CHECKSUMS",
        // CRC32 chunks on one side: the composite values describe different polynomials
        "COMPOSITE-CRC32:0a1b2c3d        | COMPOSITE-CRC32C:0a1b2c3d        | TARGET_REREAD",
        "COMPOSITE-CRC32:0a1b2c3d        | COMPOSITE-CRC32:0a1b2c3d         | TARGET_REREAD",
        // HDFS's default checksum depends on the block size
        "MD5-of-0MD5-of-512CRC32C:00ff   | MD5-of-0MD5-of-512CRC32C:00ff    | TARGET_REREAD",
        "COMPOSITE-CRC32C:0a1b2c3d       | MD5-of-0MD5-of-512CRC32C:00ff    | TARGET_REREAD",
        // HDFS to a local filesystem and back: file: offers no checksum
        "COMPOSITE-CRC32C:0a1b2c3d       |                                  | TARGET_REREAD",
        "                                | COMPOSITE-CRC32C:0a1b2c3d        | TARGET_REREAD",
        "                                |                                  | TARGET_REREAD",
        // object stores: an entity tag is not a checksum of the bytes
        "etag:\"9b2cf535f27731c974343645a3985328\" | etag:\"9b2cf535f27731c974343645a3985328\" | TARGET_REREAD",
        "COMPOSITE-CRC32C:0a1b2c3d       | etag:\"0a1b2c3d\"                | TARGET_REREAD",
        "etag:\"0a1b2c3d\"               | COMPOSITE-CRC32C:0a1b2c3d        | TARGET_REREAD",
        // no algorithm prefix at all
        "0a1b2c3d                        | 0a1b2c3d                         | TARGET_REREAD",
    })
    void choosesStoredChecksumsOnlyForTwoCompositeCrc32cChecksums(String source, String target,
            VerificationMethod expected) {
        assertThat(VerificationMethod.choose(source, target)).isEqualTo(expected);
    }
}
