package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's systemd unit ({@code systemd/strait.service}) passes {@code systemd-analyze verify} once its
 * {@code /opt/strait} points at a laid-out release, and keeps the service's promises: restart on failure but not
 * after a configuration error (exit 2), a health probe after start, logs to the journal.
 */
class SystemdUnitIT {
    private static final Path HOME = Path.of(System.getProperty("strait.home"));

    @TempDir
    Path work;

    @Test
    void theUnitOfTheReleaseVerifiesAndRestartsOnlyOnFailuresThatARestartCanFix() throws Exception {
        String unit = Files.readString(HOME.resolve("systemd/strait.service"));
        Path installed = Files.writeString(work.resolve("strait.service"),
                unit.replace("/opt/strait", HOME.toAbsolutePath().toString()));

        Process verify = new ProcessBuilder("systemd-analyze", "verify", installed.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).as("no warning either").isBlank();
        assertThat(unit).contains("ExecStart=/opt/strait/bin/strait run --config /etc/strait/strait.yaml",
                "Restart=on-failure", "RestartPreventExitStatus=2", "StandardOutput=journal")
                .containsPattern("ExecStartPost=.*curl .*http://127\\.0\\.0\\.1:8080/health");
    }

    @Test
    void aBrokenUnitFailsVerification() throws Exception {
        Path broken = Files.writeString(work.resolve("broken.service"),
                "[Service]\nExecStart=" + HOME.resolve("bin/no-such-command") + "\n");

        Process verify = new ProcessBuilder("systemd-analyze", "verify", broken.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).as("the check this test relies on catches a broken unit").isNotZero();
        assertThat(output).contains("no-such-command");
    }
}
