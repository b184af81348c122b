package io.quarkiverse.bedrock.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one logger of the application under test logs at a level or above, from {@link #start} to {@link #stop}. */
final class LogCapture extends Handler {

    private final Logger logger;
    private final Level least;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /**
     * @param loggerName the logger to listen to
     * @param least the lowest level collected
     */
    LogCapture(String loggerName, Level least) {
        this.logger = Logger.getLogger(loggerName);
        this.least = least;
    }

    /** Starts collecting; lowers the logger's level to {@code least} when it is above. */
    void start() {
        if (logger.getLevel() == null || logger.getLevel().intValue() > least.intValue()) {
            logger.setLevel(least);
        }
        logger.addHandler(this);
    }

    void stop() {
        logger.removeHandler(this);
    }

    /** @return each record's message with its parameters and its exception, in order */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < least.intValue()) {
            return;
        }
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0) {
            message = message + " " + List.of(record.getParameters());
        }
        if (record.getThrown() != null) {
            message = message + " " + record.getThrown();
        }
        lines.add(message);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
