package io.strait.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.StraitConfig.KerberosConfig;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import java.io.IOException;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;

/** The message of a refused login: one line naming region, principal, keytab, the KDC's reason and the fix. */
class RegionLoginTest {
    @Test
    void aRefusedLoginIsAOneLineUserErrorWithTheFix() {
        IOException refused = new IOException("Login failure for strait-a@EXAMPLE.COM from keytab /k/a.keytab",
                new LoginException("Unable to obtain password from user\n"));

        StraitException failure = RegionLogin.failure(RegionId.of("a"),
                new KerberosConfig("strait-a@EXAMPLE.COM", "/k/a.keytab"), refused);

        assertThat(failure.category()).isEqualTo(ErrorCategory.USER_ERROR);
        assertThat(failure.getMessage()).doesNotContain("\n").isEqualTo("Cannot log in region a to Kerberos as"
                + " strait-a@EXAMPLE.COM with keytab /k/a.keytab: Unable to obtain password from user; fix: make"
                + " regions.a.kerberos.keytab a keytab holding the current key of regions.a.kerberos.principal (list"
                + " it with: klist -kt /k/a.keytab)");
    }
}
