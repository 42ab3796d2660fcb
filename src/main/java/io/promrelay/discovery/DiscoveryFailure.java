package io.promrelay.discovery;

/**
 * The latest failed refresh of one discovery mechanism of a job, and how many there have been; the job
 * kept its last targets meanwhile.
 */
public record DiscoveryFailure(String mechanism, String lastReason, long lastFailureMillis, long failures) {
    /** This failure added to the one recorded before it (null when it is the first). */
    public DiscoveryFailure after(DiscoveryFailure previous) {
        return new DiscoveryFailure(mechanism, lastReason, lastFailureMillis, previous == null ? 1 : previous.failures + 1);
    }
}
