package io.promrelay.discovery;

/** Hears about discovery refreshes that failed, so they can be counted by job and mechanism. */
public interface DiscoveryObserver {
    /** A refresh failed; the provider keeps reporting the targets it last found. */
    void refreshFailed(String job, String mechanism, String reason);
}
