package io.promrelay.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls for a condition that real peers reach after some scrapes, with a bounded wait and a useful failure. */
public final class Await {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Calls {@code probe} until it yields a value or {@code timeout} passes; then fails with {@code what} and
     * the {@code diagnostics} gathered at that moment (peer logs, the last response seen).
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe,
                              Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what
                        + "\n" + diagnostics.get());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
