package io.strait.ops.alerts;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what a logger (and its children) logs at {@code level} and above, with Logback's list appender, while
 * open; the logger's level is put back on close.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name, Level level) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previous = logger.getLevel();
        logger.setLevel(level);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    /** Everything logged to the root logger at {@code level} and above. */
    public static LogCapture everything(Level level) {
        return new LogCapture(Logger.ROOT_LOGGER_NAME, level);
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Each event as a line: level, logger, formatted message and, if any, its stack trace. */
    public List<String> lines() {
        return events().stream().map(event -> event.getLevel() + " " + event.getLoggerName() + " - "
                + event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()))).toList();
    }

    public List<String> lines(Level level) {
        return events().stream().filter(event -> event.getLevel().equals(level))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previous);
    }
}
