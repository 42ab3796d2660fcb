package io.promrelay.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The messages one java.util.logging logger writes while the capture is open. */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    public static CapturedLog of(Class<?> owner) {
        CapturedLog capture = new CapturedLog(Logger.getLogger(owner.getName()));
        capture.logger.addHandler(capture);
        return capture;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits for a message containing {@code part} and returns it. */
    public String await(String part, Duration timeout) {
        return Await.until("a log line containing \"" + part + "\"", timeout,
                () -> messages.stream().filter(m -> m.contains(part)).findFirst(),
                () -> "logged: " + messages);
    }

    /** Forgets what was logged so far, so the next {@link #await} only sees what comes after. */
    public void clear() {
        messages.clear();
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
