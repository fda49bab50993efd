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

    /** Starts capturing what the logger with this name (and its children) logs. */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
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

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
