package io.wsconnector.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a logger logs while the capture is open, e.g. that a slow consumer is reported. A
 * {@code System.Logger} goes to java.util.logging unless the application routes it elsewhere, so this sees the
 * runtime's messages.
 */
public final class LogCapture implements AutoCloseable {
    /** Held, so that the logger and its handler are not collected while capturing. */
    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing what the logger with this name (and its children) logs, at every level. */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The levels of the records logged so far whose message contains {@code text}, in order. */
    public List<Level> levelsOf(String text) {
        List<Level> found = new ArrayList<>();
        synchronized (records) {
            for (LogRecord record : records) {
                if (record.getMessage() != null && record.getMessage().contains(text)) {
                    found.add(record.getLevel());
                }
            }
        }
        return found;
    }

    /** The messages logged at WARNING so far that contain {@code text}. */
    public List<String> warningsContaining(String text) {
        List<String> found = new ArrayList<>();
        synchronized (records) {
            for (LogRecord record : records) {
                if (record.getLevel() == Level.WARNING && record.getMessage() != null
                        && record.getMessage().contains(text)) {
                    found.add(record.getMessage());
                }
            }
        }
        return found;
    }

    /** The records logged so far at {@code level} or above, e.g. to count what an attack made the server log. */
    public List<LogRecord> recordsAtLeast(Level level) {
        synchronized (records) {
            return records.stream().filter(record -> record.getLevel().intValue() >= level.intValue()).toList();
        }
    }

    /** The messages logged so far, at any level, that contain {@code text}. */
    public List<String> messagesContaining(String text) {
        synchronized (records) {
            return records.stream().map(LogRecord::getMessage)
                    .filter(message -> message != null && message.contains(text)).toList();
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
    }
}
