package io.promrelay;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler from a shutdown hook of its own, which may run before the relay's:
 * the lines saying that the snapshot was written, or why it was not, would then be lost. Handlers here stay open
 * until the process ends; the console handler flushes every record, so nothing is left unwritten. Installed by
 * {@link Main} through {@code java.util.logging.manager} before anything logs.
 */
public final class ShutdownLogManager extends LogManager {
    @Override
    public void reset() {
        // Left open on purpose: see the class comment. Start-up calls reset too, before any handler exists.
    }
}
