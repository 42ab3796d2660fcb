package io.promrelay.discovery;

/**
 * How one discovery mechanism of a job fares: the last failure since its last success (null when the
 * last request succeeded) and how many requests failed in all. Its targets stay as last known meanwhile.
 */
public record DiscoveryHealth(String mechanism, String lastError, long failures) {
    public boolean healthy() {
        return lastError == null;
    }
}
