package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig.KerberosConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region's Kerberos login ({@code regions.<name>.kerberos}): the principal logged in from its keytab, of this
 * region only (two regions may log in as different principals in one process). {@link #call} renews the ticket
 * from the keytab when it nears its end and runs the action as the principal; {@link #asPrincipal} makes every call
 * of a region client go through it.
 */
public final class RegionLogin {
    static final String AUTHENTICATION = "hadoop.security.authentication";
    private static final Logger LOG = LoggerFactory.getLogger(RegionLogin.class);

    private final RegionId region;
    private final KerberosConfig kerberos;
    private final UserGroupInformation principal;

    private RegionLogin(RegionId region, KerberosConfig kerberos, UserGroupInformation principal) {
        this.region = region;
        this.kerberos = kerberos;
        this.principal = principal;
    }

    /**
     * Logs the region's principal in from its keytab. Hadoop's security mode is process-wide: this sets it to
     * Kerberos. A login the KDC refuses (a keytab of another principal, an old key, an unknown principal) is a user
     * error naming the region, the principal, the keytab and the fix.
     */
    static RegionLogin login(RegionConfig region, Configuration hadoop) {
        KerberosConfig kerberos = region.kerberos();
        Configuration security = new Configuration(hadoop);
        security.set(AUTHENTICATION, "kerberos");
        UserGroupInformation.setConfiguration(security);
        try {
            UserGroupInformation principal = UserGroupInformation.loginUserFromKeytabAndReturnUGI(
                    kerberos.principal(), kerberos.keytab());
            LOG.info("region {}: logged in to Kerberos as {} from keytab {}", region.name(), kerberos.principal(),
                    kerberos.keytab());
            return new RegionLogin(region.name(), kerberos, principal);
        } catch (IOException | RuntimeException e) {
            LOG.debug("region {}: Kerberos login failed", region.name(), e);
            throw failure(region.name(), kerberos, e);
        }
    }

    /** The one-line user error of a refused login: region, principal, keytab, the cause, and the fix. */
    static StraitException failure(RegionId region, KerberosConfig kerberos, Throwable cause) {
        return new StraitException(io.strait.common.error.ErrorCategory.USER_ERROR, "Cannot log in region "
                + region + " to Kerberos as " + kerberos.principal() + " with keytab " + kerberos.keytab() + ": "
                + rootMessage(cause) + "; fix: make regions." + region + ".kerberos.keytab a keytab holding the"
                + " current key of regions." + region + ".kerberos.principal (list it with: klist -kt "
                + kerberos.keytab() + ")", cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    /** Runs {@code action} as the region's principal, after renewing its ticket from the keytab when due. */
    public <T> T call(PrivilegedExceptionAction<T> action) throws IOException, InterruptedException {
        principal.checkTGTAndReloginFromKeytab();
        return principal.doAs(action);
    }

    /** {@code target} seen through {@code type}: every method runs as the region's principal ({@link #call}). */
    <T> T asPrincipal(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call(() -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw rethrowable(e.getCause());
                    }
                })));
    }

    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (Exception) cause;
    }

    /** The principal's short name, its user in the region's filesystems (e.g. {@code strait}). */
    public String shortName() {
        return principal.getShortUserName();
    }

    /** The principal's user name, e.g. {@code strait/host@EXAMPLE.COM}. */
    public String principalName() {
        return principal.getUserName();
    }

    @Override
    public String toString() {
        return "RegionLogin[region=" + region + ", principal=" + kerberos.principal() + ", keytab="
                + kerberos.keytab() + "]";
    }
}
