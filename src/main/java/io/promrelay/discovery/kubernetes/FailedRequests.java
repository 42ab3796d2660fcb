package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.promrelay.discovery.RefreshFailures;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reports every API request that fails: the server cannot be reached, or it answers with an error
 * status (401, 403, 5xx, ...). Sits in the HTTP client because fabric8 retries failed watches
 * internally without telling the informer's owner. The reason names the method, path and status
 * only: no header or query string, so no credential, reaches the log or the HTTP API.
 */
final class FailedRequests implements Interceptor {
    static final String NAME = "promrelay-failures";
    // A watch whose resourceVersion is too old: fabric8 re-lists, which is routine, not a failure.
    private static final int GONE = 410;

    private final RefreshFailures failures;

    FailedRequests(RefreshFailures failures) {
        this.failures = failures;
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (response.code() >= 400 && response.code() != GONE) {
            failed(request, "HTTP " + response.code());
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

    private void failed(HttpRequest request, String why) {
        failures.failed(request.method() + " " + request.uri().getPath() + ": " + why);
    }
}
