package io.strait.ops.demo;

import java.io.PrintWriter;
import java.io.Writer;
import org.slf4j.Logger;

/** A writer that logs each complete line it is given at INFO, with a prefix: a command's output inside the demo. */
final class LogLines extends Writer {
    private final Logger log;
    private final String prefix;
    private final StringBuilder line = new StringBuilder();

    private LogLines(Logger log, String prefix) {
        this.log = log;
        this.prefix = prefix;
    }

    static PrintWriter to(Logger log, String prefix) {
        return new PrintWriter(new LogLines(log, prefix), true);
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                flushLine();
            } else if (buffer[i] != '\r') {
                line.append(buffer[i]);
            }
        }
    }

    @Override
    public synchronized void flush() {
    }

    @Override
    public synchronized void close() {
        if (!line.isEmpty()) {
            flushLine();
        }
    }

    private void flushLine() {
        log.info("{}{}", prefix, line);
        line.setLength(0);
    }
}
