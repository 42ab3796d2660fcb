package io.promrelay.fuzz;

/**
 * The contract every fuzz target checks: a parser fed untrusted input either succeeds or refuses it
 * with its documented exception, carrying a message that says what is wrong. Anything else (another
 * exception, a StackOverflowError, an OutOfMemoryError, a failed property) escapes and is a finding.
 * A new target is one class whose @FuzzTest method hands its input to {@link #parsesOrRefuses}.
 */
final class ParseContract {
    private ParseContract() {
    }

    /** One attempt at parsing one input. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    static void parsesOrRefuses(Class<? extends Exception> documented, Attempt attempt) {
        try {
            attempt.run();
        } catch (Exception e) {
            if (!documented.isInstance(e)) {
                throw new AssertionError("expected success or " + documented.getSimpleName() + ", got " + e, e);
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(documented.getSimpleName() + " without a message", e);
            }
        }
    }
}
