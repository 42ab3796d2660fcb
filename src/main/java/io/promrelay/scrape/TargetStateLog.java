package io.promrelay.scrape;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a target's changes of state, never its individual scrapes: going down (with the error and the hint),
 * coming back up, and failing in a different way than before. A thousand targets failing the same way every
 * few seconds would otherwise bury the one line that matters.
 */
final class TargetStateLog {
    private static final Logger LOG = Logger.getLogger(TargetStateLog.class.getName());

    private TargetStateLog() {
    }

    static void log(ScrapeTarget target, ScrapeTarget.LastScrape before, ScrapeTarget.LastScrape after) {
        change(target, before, after).ifPresent(line ->
                LOG.log(after.health() == TargetHealth.DOWN ? Level.WARNING : Level.INFO, line));
    }

    /** The line to log for a scrape that ended in {@code after} when the previous one ended in {@code before}. */
    static Optional<String> change(ScrapeTarget target, ScrapeTarget.LastScrape before, ScrapeTarget.LastScrape after) {
        String who = "job " + target.job() + " target " + target.url();
        if (after.health() == TargetHealth.UP) {
            return before.health() == TargetHealth.DOWN ? Optional.of(who + " is up again") : Optional.empty();
        }
        if (before.health() == TargetHealth.DOWN && before.diagnosis().kind() == after.diagnosis().kind()) {
            return Optional.empty();
        }
        String state = before.health() == TargetHealth.DOWN ? " is still down, now failing with " : " is down: ";
        String hint = after.diagnosis().hint().isEmpty() ? "" : "; hint: " + after.diagnosis().hint();
        return Optional.of(who + state + after.error() + " [" + after.diagnosis().kind().word() + "]" + hint);
    }
}
