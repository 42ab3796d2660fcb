package io.promrelay;

import io.promrelay.config.KnownSecrets;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Formats log records as the handler did before and then removes every known secret: libraries log exceptions
 * whose messages quote a peer's answer, and a peer may echo the request's Authorization header back.
 */
public final class RedactingLogFormatter extends Formatter {
    private final Formatter delegate;

    public RedactingLogFormatter(Formatter delegate) {
        this.delegate = delegate;
    }

    /** Puts every handler of the root logger behind redaction. */
    static void installOnRootHandlers() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new RedactingLogFormatter(handler.getFormatter()));
        }
    }

    @Override
    public String format(LogRecord record) {
        return KnownSecrets.redact(delegate.format(record));
    }

    @Override
    public String getHead(Handler handler) {
        return delegate.getHead(handler);
    }

    @Override
    public String getTail(Handler handler) {
        return delegate.getTail(handler);
    }
}
