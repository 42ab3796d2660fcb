package io.promrelay.discovery;

import java.util.logging.Logger;

/**
 * Where one provider reports a failed refresh: logged with the job and mechanism, and passed to the observer.
 * Providers keep their last targets on failure, as Prometheus does, so a flaky API never empties a job.
 */
public final class RefreshFailures {
    private static final Logger LOG = Logger.getLogger(RefreshFailures.class.getName());

    private final DiscoveryObserver observer;
    private final String job;
    private final String mechanism;

    public RefreshFailures(DiscoveryObserver observer, String job, String mechanism) {
        this.observer = observer;
        this.job = job;
        this.mechanism = mechanism;
    }

    public void failed(String reason) {
        LOG.warning("job " + job + ": " + mechanism + " discovery failed, keeping the last targets: " + reason);
        observer.refreshFailed(job, mechanism, reason);
    }
}
