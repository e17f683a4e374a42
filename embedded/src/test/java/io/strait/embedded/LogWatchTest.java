package io.strait.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

class LogWatchTest {
    private static final String MARKER = "Started the new metaserver on port [9083]";

    @Test
    void seesOnlyWhatIsAppendedAfterWatchingStarts() throws Exception {
        Path log = TestingDirectories.create("log").resolve("metastore.log");
        Files.writeString(log, "earlier run\n" + MARKER + "\n");
        LogWatch watch = LogWatch.fromEnd(log, MARKER);

        assertThat(watch.seen()).isFalse();
        append(log, "starting\nStarted the new metaserver on p");
        assertThat(watch.seen()).as("marker split across two reads").isFalse();
        append(log, "ort [9083]...\n");
        assertThat(watch.seen()).isTrue();
    }

    @Test
    void aMissingLogIsNotSeen() {
        Path log = TestingDirectories.create("log").resolve("absent.log");

        assertThat(LogWatch.fromEnd(log, MARKER).seen()).isFalse();
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }
}
