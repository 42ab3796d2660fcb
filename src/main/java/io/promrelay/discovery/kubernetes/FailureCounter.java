package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Logger;

/**
 * Counts and logs every API request that fails: the server cannot be reached, or it answers with an
 * error status (401, 403, 5xx, ...). Sits in the HTTP client because fabric8 retries failed watches
 * internally without telling the informer's owner. Logs the method, path and status only: no header
 * or query string, so no credential, reaches the log.
 */
final class FailureCounter implements Interceptor {
    static final String NAME = "promrelay-failures";
    private static final Logger LOG = Logger.getLogger(KubernetesDiscovery.class.getName());
    // A watch whose resourceVersion is too old: fabric8 re-lists, which is routine, not a failure.
    private static final int GONE = 410;

    private final String job;
    private final Counter failures;
    private volatile String lastError;

    FailureCounter(String job, Counter failures) {
        this.job = job;
        this.failures = failures;
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (response.code() >= 400 && response.code() != GONE) {
            failed(request, "HTTP " + response.code());
        } else {
            lastError = null;
        }
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        failed(request, root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    /** The client could not even be built (no in-cluster environment, unreadable kubeconfig). */
    void failedToStart(String why) {
        lastError = why;
        failures.increment();
    }

    /** The last failure since the last successful request, or null. */
    String lastError() {
        return lastError;
    }

    long count() {
        return (long) failures.count();
    }

    private void failed(HttpRequest request, String why) {
        lastError = request.method() + " " + request.uri().getPath() + ": " + why;
        failures.increment();
        LOG.warning("job " + job + ": Kubernetes API request " + request.method() + " " + request.uri().getPath()
                + " failed (" + why + "); keeping the last known targets and retrying");
    }
}
