package io.strait.spark;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;

/**
 * Hadoop delegation tokens that Spark's processes use to reach a Kerberos region's filesystem without a Kerberos
 * login of their own: obtained by the driver as each region's principal, handed to every task of a job, and added to
 * the task's Hadoop user before it opens a filesystem ({@link DelegationTokensPlugin}). A token stands for the
 * principal that obtained it, so files written with it belong to that principal. The text names the tokens' kinds and
 * services only, never their secrets.
 */
public final class DelegationTokens {
    private static final DelegationTokens NONE = new DelegationTokens(new Credentials());
    private final Credentials credentials;

    private DelegationTokens(Credentials credentials) {
        this.credentials = credentials;
    }

    public static DelegationTokens none() {
        return NONE;
    }

    /** The tokens of {@code credentials} (copied). */
    public static DelegationTokens of(Credentials credentials) {
        Credentials copy = new Credentials();
        copy.addAll(Objects.requireNonNull(credentials, "credentials"));
        return new DelegationTokens(copy);
    }

    /** The tokens {@link #encoded()} made. */
    public static DelegationTokens decode(String encoded) {
        Credentials credentials = new Credentials();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(encoded)))) {
            credentials.readTokenStorageStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read delegation tokens", e);
        }
        return new DelegationTokens(credentials);
    }

    /** The tokens as text (Hadoop's token storage format in Base64), as they travel with a Spark job. */
    public String encoded() {
        try {
            DataOutputBuffer out = new DataOutputBuffer();
            credentials.writeTokenStorageToStream(out);
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(out.getData(), out.getLength()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write delegation tokens", e);
        }
    }

    public boolean isEmpty() {
        return credentials.numberOfTokens() == 0;
    }

    /** These tokens and {@code more}'s (a token of the same service in {@code more} wins). */
    public DelegationTokens and(DelegationTokens more) {
        Credentials all = new Credentials();
        all.addAll(credentials);
        all.addAll(more.credentials);
        return new DelegationTokens(all);
    }

    /**
     * Adds the tokens to the calling thread's Hadoop user, whose filesystem clients then authenticate with them (by
     * service, so one user may hold the tokens of several regions), and turns Hadoop's security on in this process
     * if it is off: the data transfer of a secured HDFS (SASL with block tokens) runs only then. A token already held
     * for the same service is replaced.
     */
    public void addToCurrentUser() throws IOException {
        if (isEmpty()) {
            return;
        }
        if (!UserGroupInformation.isSecurityEnabled()) {
            org.apache.hadoop.conf.Configuration security = new org.apache.hadoop.conf.Configuration();
            security.set("hadoop.security.authentication", "kerberos");
            UserGroupInformation.setConfiguration(security);
        }
        UserGroupInformation.getCurrentUser().addCredentials(credentials);
    }

    /** The kinds and services of the tokens, e.g. {@code HDFS_DELEGATION_TOKEN@127.0.0.1:8020}. */
    public List<String> services() {
        return credentials.getAllTokens().stream().map(DelegationTokens::describe).sorted().toList();
    }

    private static String describe(Token<?> token) {
        return token.getKind() + "@" + token.getService();
    }

    @Override
    public String toString() {
        return "DelegationTokens" + services();
    }
}
