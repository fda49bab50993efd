package io.wsconnector.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the wsconnector runtime logs (its {@code System.Logger} goes to java.util.logging) while it is
 * open, e.g. to check that a slow consumer is reported.
 */
final class LogCapture implements AutoCloseable {
    private static final String RUNTIME_LOGGER = "io.wsconnector.runtime"; // the parent of every class's logger

    /** Held, so that the logger and its handler are not collected while capturing. */
    private final Logger logger = Logger.getLogger(RUNTIME_LOGGER);
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

    LogCapture() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The messages logged at WARNING so far that contain {@code text}. */
    List<String> warningsContaining(String text) {
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

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
