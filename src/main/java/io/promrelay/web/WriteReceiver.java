package io.promrelay.web;

import io.promrelay.remote.RemoteWriteIngester;
import io.vertx.core.WorkerExecutor;

/**
 * What {@code POST /api/v1/write} needs: where requests go and the workers that decode and append them.
 *
 * @param workerCount the size of {@code workers}; twice as many requests may be in flight (the rest wait their turn
 *                    with their bodies read), beyond that requests are turned away with 503
 */
public record WriteReceiver(RemoteWriteIngester ingester, WorkerExecutor workers, int workerCount) {
}
