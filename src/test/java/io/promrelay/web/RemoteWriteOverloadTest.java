package io.promrelay.web;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.promrelay.model.Labels;
import io.promrelay.remote.RemoteWriteIngester;
import io.promrelay.storage.Appender;
import io.promrelay.storage.MetadataStore;
import io.promrelay.testing.Await;
import io.promrelay.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests beyond the in-flight bound are turned away with 503 while the workers are busy, not queued. */
class RemoteWriteOverloadTest {
    private static final long WAIT_SECONDS = 10;
    private static final String[] HEADERS = {"Content-Type", "application/x-protobuf", "Content-Encoding", "snappy"};

    private final CountDownLatch appending = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Vertx vertx;
    private WorkerExecutor workers;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        workers = vertx.createSharedWorkerExecutor("test-write", 1);
        RemoteWriteIngester ingester = new RemoteWriteIngester(BlockingAppender::new, new MetadataStore(), 10);
        Router router = Router.router(vertx);
        new RemoteWriteHandler(ingester, workers, 1, new RemoteWriteCounters(new SimpleMeterRegistry())).install(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        release.countDown();
        workers.close();
        vertx.close();
    }

    @Test
    void aRequestBeyondTheBoundAnswers503WithRetryAfterAndTheFirstStillSucceeds() throws Exception {
        byte[] body = body(request(series("__name__", "up").addSamples(sample(1, 1))));
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> post(body));
        assertTrue(appending.await(WAIT_SECONDS, TimeUnit.SECONDS), "first request never reached the buffer");

        Http.Response second = post(body);
        release.countDown();

        assertEquals(503, second.status());
        assertEquals("1", second.header("Retry-After"));
        assertEquals("too many concurrent remote-write requests (limit 1), retry later\n", second.body());
        assertEquals(204, first.get(WAIT_SECONDS, TimeUnit.SECONDS).status());
        // The slot is given back when the first response has ended, a moment after the client may have read it.
        Await.until("the in-flight slot to be free again", Duration.ofSeconds(WAIT_SECONDS),
                () -> Optional.of(post(body)).filter(response -> response.status() == 204), () -> "");
    }

    private Http.Response post(byte[] body) {
        return Http.post(URI.create("http://127.0.0.1:" + server.actualPort() + RemoteWriteHandler.PATH), body, HEADERS);
    }

    /** Holds the first append until the test releases it, so that request stays in flight. */
    private final class BlockingAppender implements Appender {
        @Override
        public long append(long ref, Labels labels, long timestampMillis, double value) {
            appending.countDown();
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    }
}
