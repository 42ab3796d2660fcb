package io.promrelay.scrape;

/**
 * What a failed scrape leaves for {@link FailureDiagnosis} to classify: the raw exception of the HTTP or TLS
 * stack, the status and first bytes of an answer other than 200, or a refusal the relay itself decided on
 * (limits, parse errors), whose kind is known where it happens.
 */
sealed interface FailureEvidence {
    /** The request failed before an answer arrived: connecting, TLS, a deadline, a credential file. */
    record Thrown(Throwable error) implements FailureEvidence {
    }

    /** The target answered with a status other than 200; {@code bodyStart} holds its first bytes as text. */
    record Status(int code, String bodyStart) implements FailureEvidence {
    }

    /** The relay refused what the target sent. */
    record Refused(FailureKind kind) implements FailureEvidence {
    }
}
