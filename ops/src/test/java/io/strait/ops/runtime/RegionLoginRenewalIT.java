package io.strait.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.region.RegionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AccessController;
import java.time.Instant;
import java.util.Properties;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A region's login outlives its ticket: with a KDC (MiniKdc) that grants tickets of a few seconds, a call made after
 * the first ticket ended runs with a new one, obtained from the keytab before the call. Runs in the JVM of the
 * {@code kerberos} tests (Hadoop's security state is process-wide) and resets that state when it ends.
 */
@Tag("kerberos")
class RegionLoginRenewalIT {
    private static final String TICKET_SECONDS = "6";

    @TempDir
    static Path work;

    private static MiniKdc kdc;
    private static RegionConfig region;
    private static RegionConfig unsecured;

    @BeforeAll
    static void startKdc() throws Exception {
        Properties settings = MiniKdc.createConf();
        settings.setProperty(MiniKdc.MAX_TICKET_LIFETIME, TICKET_SECONDS);
        settings.setProperty(MiniKdc.MIN_TICKET_LIFETIME, TICKET_SECONDS);
        kdc = new MiniKdc(settings, Files.createDirectories(work.resolve("kdc")).toFile());
        kdc.start();
        Path keytab = work.resolve("strait-a.keytab");
        kdc.createPrincipal(keytab.toFile(), "strait-a");
        Path yaml = Files.writeString(work.resolve("strait.yaml"), """
                store: {jdbc-url: "jdbc:mysql://127.0.0.1:3306/strait"}
                regions:
                  a:
                    metastore-uri: thrift://127.0.0.1:9083
                    roots: {warehouse: "file:///tmp/a"}
                    kerberos: {principal: "strait-a@%s", keytab: "%s"}
                    hadoop: {hadoop.kerberos.min.seconds.before.relogin: "1"}
                  b: {metastore-uri: "thrift://127.0.0.1:9084", roots: {warehouse: "file:///tmp/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(kdc.getRealm(), keytab));
        StraitConfig config = new StraitConfigLoader().load(yaml);
        region = config.region(RegionId.of("a"));
        unsecured = config.region(RegionId.of("b"));
    }

    @AfterAll
    static void stopKdc() {
        if (kdc != null) {
            kdc.stop();
        }
        UserGroupInformation.reset();
    }

    @Test
    void aCallAfterTheTicketEndedRunsWithANewTicketFromTheKeytab() throws Exception {
        RegionLogin login = RegionLogin.login(region, RegionClientSettings.hadoopConfiguration(region));
        Instant firstEnd = login.call(RegionLoginRenewalIT::ticketEnd);

        Thread.sleep(Math.max(0, firstEnd.toEpochMilli() - System.currentTimeMillis()) + 1_000);
        Instant secondEnd = login.call(RegionLoginRenewalIT::ticketEnd);

        assertThat(firstEnd).as("the first ticket has ended").isBefore(Instant.now());
        assertThat(secondEnd).as("the call ran with a new ticket").isAfter(Instant.now());
        assertThat(login.call(() -> UserGroupInformation.getCurrentUser().getUserName()))
                .isEqualTo("strait-a@" + kdc.getRealm());
    }

    @Test
    void regionLoginsLogARegionInOnceAndARegionWithoutKerberosNotAtAll() {
        RegionLogins logins = new RegionLogins();

        java.util.Optional<RegionLogin> first = logins.of(region);
        java.util.Optional<RegionLogin> again = logins.of(region);

        assertThat(first).isPresent();
        assertThat(again.orElseThrow()).as("the login made at the first connection").isSameAs(first.orElseThrow());
        assertThat(new RegionLogins().of(region).orElseThrow()).as("other logins log in for themselves")
                .isNotSameAs(first.orElseThrow());
        assertThat(logins.of(unsecured)).isEmpty();
    }

    /** The end of the ticket-granting ticket of the subject the call runs as. */
    @SuppressWarnings("removal")
    private static Instant ticketEnd() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        return subject.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(ticket -> ticket.getServer().getName().startsWith("krbtgt/"))
                .map(ticket -> ticket.getEndTime().toInstant()).max(Instant::compareTo).orElseThrow();
    }
}
