package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.model.Labels;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which scrape outcomes make a log line: changes of state only, never a repeat of the same one. */
class TargetStateLogTest {
    private static final ScrapeTarget TARGET = new ScrapeTarget("node", Labels.of("__address__", "n:9100"),
            Labels.of("job", "node", "instance", "n:9100"), "http://n:9100/metrics");
    private static final ScrapeTarget.LastScrape UP = new ScrapeTarget.LastScrape(TargetHealth.UP, "", Diagnosis.NONE, 1, 0.1);
    private static final ScrapeTarget.LastScrape REFUSED = down("connection refused",
            new Diagnosis(FailureKind.CONNECTION_REFUSED, "start it"));
    private static final ScrapeTarget.LastScrape TIMED_OUT = down("deadline exceeded", new Diagnosis(FailureKind.TIMEOUT, ""));

    @Test
    void firstScrapeUpIsNotLogged() {
        assertEquals(Optional.empty(), TargetStateLog.change(TARGET, ScrapeTarget.LastScrape.NEVER, UP));
    }

    @Test
    void goingDownIsLoggedWithErrorKindAndHint() {
        assertEquals(Optional.of("job node target http://n:9100/metrics is down: connection refused"
                + " [connection_refused]; hint: start it"), TargetStateLog.change(TARGET, UP, REFUSED));
        assertEquals(TargetStateLog.change(TARGET, UP, REFUSED), TargetStateLog.change(TARGET, ScrapeTarget.LastScrape.NEVER, REFUSED));
    }

    @Test
    void stayingDownTheSameWayIsNotLoggedAgain() {
        assertEquals(Optional.empty(), TargetStateLog.change(TARGET, REFUSED, REFUSED));
    }

    @Test
    void failingAnotherWayIsLoggedWithoutAnEmptyHint() {
        assertEquals(Optional.of("job node target http://n:9100/metrics is still down, now failing with deadline exceeded"
                + " [timeout]"), TargetStateLog.change(TARGET, REFUSED, TIMED_OUT));
    }

    @Test
    void comingBackIsLoggedOnceAndStayingUpIsNot() {
        assertEquals(Optional.of("job node target http://n:9100/metrics is up again"), TargetStateLog.change(TARGET, REFUSED, UP));
        assertEquals(Optional.empty(), TargetStateLog.change(TARGET, UP, UP));
    }

    private static ScrapeTarget.LastScrape down(String error, Diagnosis diagnosis) {
        return new ScrapeTarget.LastScrape(TargetHealth.DOWN, error, diagnosis, 1, 0.1);
    }
}
