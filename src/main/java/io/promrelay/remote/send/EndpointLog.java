package io.promrelay.remote.send;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The endpoint's log lines, kept few: one line when sending starts failing and one when it recovers,
 * rather than one per retry; refused batches at most once per {@link #REFUSAL_INTERVAL_NANOS} with the
 * number left out. Lines name the endpoint and its URL with any password hidden, and never a credential.
 */
final class EndpointLog {
    private static final Logger LOG = Logger.getLogger(EndpointLog.class.getName());
    static final long REFUSAL_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String prefix;
    private final LongSupplier nanoClock;
    private boolean failing;
    private long lastRefusalLog;
    private boolean refusalLogged;
    private long refusalsLeftOut;

    EndpointLog(String name, String redactedUrl, LongSupplier nanoClock) {
        this.prefix = "remote_write " + name + " (" + redactedUrl + "): ";
        this.nanoClock = nanoClock;
    }

    synchronized void retrying(String reason) {
        if (!failing) {
            failing = true;
            LOG.warning(prefix + "sending failed, retrying with backoff: " + reason);
        }
    }

    synchronized void delivered() {
        if (failing) {
            failing = false;
            LOG.info(prefix + "sending recovered");
        }
    }

    synchronized void refused(int status, int samples, String bodyStart) {
        long now = nanoClock.getAsLong();
        if (refusalLogged && now - lastRefusalLog < REFUSAL_INTERVAL_NANOS) {
            refusalsLeftOut++;
            return;
        }
        String leftOut = refusalsLeftOut == 0 ? "" : " (" + refusalsLeftOut + " more refusals not logged)";
        LOG.warning(prefix + "receiver refused a batch of " + samples + " samples with HTTP status " + status
                + ", dropped it" + leftOut + ": " + bodyStart.strip());
        refusalLogged = true;
        lastRefusalLog = now;
        refusalsLeftOut = 0;
    }

    void expired(int samples, String lastError) {
        LOG.warning(prefix + "gave up on " + samples + " samples that aged out of the buffer's retention while"
                + " retrying; last error: " + lastError);
    }

    void metadataFailed(String reason) {
        LOG.warning(prefix + "sending metadata failed: " + reason);
    }
}
