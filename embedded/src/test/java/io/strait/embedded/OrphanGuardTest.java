package io.strait.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.embedded.child.OrphanGuard;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrphanGuardTest {
    @Test
    void theChildExitsWhenItsParentsEndOfTheInputPipeCloses() throws Exception {
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, OrphanGuard.class.getName(), SleepingMain.class.getName())
                .redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(1, TimeUnit.SECONDS)).as("still running while the pipe is open").isFalse();

            child.getOutputStream().close();

            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("exited after the pipe closed").isTrue();
            assertThat(child.exitValue()).isEqualTo(OrphanGuard.PARENT_GONE_STATUS);
        } finally {
            child.destroyForcibly();
        }
    }
}
