package io.strait.common.config;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text meant for people (problems, logs, command output): every registered secret value, and
 * the value of any {@code password=} parameter of a URL. Pure; one per configuration being read.
 */
public final class SecretRedactor {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** The shortest value masked. */
    public static final int SHORTEST = 4;
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password[0-9]*=)[^&\\s'\"]*");

    private final Set<String> secrets = new LinkedHashSet<>();

    /**
     * A redactor of every secret of {@code config}: the store password, the http token, the webhooks' URLs and
     * header values.
     */
    public static SecretRedactor of(StraitConfig config) {
        SecretRedactor redactor = new SecretRedactor();
        redactor.add(config.store().password());
        redactor.add(config.store().tls().trustStorePassword());
        redactor.add(config.store().tls().keyStorePassword());
        redactor.add(config.http().token());
        redactor.add(config.http().tls().keyStorePassword());
        config.alerts().webhooks().forEach(webhook -> {
            redactor.add(webhook.url());
            webhook.headers().values().forEach(redactor::add);
        });
        return redactor;
    }

    /**
     * Registers {@code secret}. Values shorter than {@value #SHORTEST} characters are ignored: masking them would
     * garble ordinary words of every message and reveal little.
     */
    public void add(String secret) {
        if (secret != null && secret.strip().length() >= SHORTEST) {
            secrets.add(secret);
        }
    }

    /** {@code text} with every registered secret (longest first) and every URL password parameter masked. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            redacted = redacted.replace(secret, MASK);
        }
        return PASSWORD_PARAMETER.matcher(redacted).replaceAll("$1" + MASK);
    }
}
