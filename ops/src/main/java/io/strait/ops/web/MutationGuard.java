package io.strait.ops.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The one place mutating requests are authorised: every request that is not GET or HEAD must carry
 * {@code Authorization: Bearer <token>} with the token of {@code http.token} (environment {@value #ENV} overrides
 * it). Without a configured token every mutating request is refused. The pages and the GET API are open; the
 * operator actions ({@link OperatorEndpoints}) are reached only through {@link #authorised}.
 */
public final class MutationGuard {
    public static final String ENV = "STRAIT_HTTP_TOKEN";

    private final String token;

    private MutationGuard(String token) {
        this.token = token;
    }

    /** The guard of {@code configuredToken}, unless environment {@value #ENV} is set (it wins). */
    public static MutationGuard of(String configuredToken, Map<String, String> environment) {
        String fromEnvironment = environment.getOrDefault(ENV, "");
        return new MutationGuard(fromEnvironment.isEmpty() ? configuredToken : fromEnvironment);
    }

    /** Whether a mutation may proceed with this {@code Authorization} header value (null when absent). */
    public boolean authorised(String authorizationHeader) {
        if (token.isEmpty() || authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        byte[] presented = authorizationHeader.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether mutations are possible at all (a token is configured). */
    public boolean enabled() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "MutationGuard[" + (token.isEmpty() ? "no token: mutations refused" : "token set") + "]";
    }
}
