package io.strait.sql.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A webhook as the outbox knows it: the SHA-256 of its URL (the URL itself may hold a token and is never stored)
 * and what may be shown of it (scheme, host and port).
 */
public record WebhookTarget(String key, String display) {
    public WebhookTarget {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(display, "display");
    }

    /** The target of the webhook at {@code url}, shown as {@code display}. */
    public static WebhookTarget of(String url, String display) {
        return new WebhookTarget(sha256Hex(url), display);
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
