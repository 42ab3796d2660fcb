package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.promql.QueryException;
import io.promrelay.testing.Await;
import io.promrelay.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission, cancellation and the time budget of API calls, with work the test controls. */
class QueryRunnerTest {
    private Vertx vertx;
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("query-runner-test", 4);
        QueryRunner runner = new QueryRunner(workers, 1, Duration.ofSeconds(30));
        Router router = Router.router(vertx);
        router.get("/held").handler(ctx -> runner.run(ctx, null, budget -> {
            started.countDown();
            await(release);
            return new QueryRunner.Answer("\"done\"");
        }));
        router.get("/until-interrupted").handler(ctx -> runner.run(ctx, null, budget -> {
            started.countDown();
            try {
                Thread.sleep(30_000);
                return new QueryRunner.Answer("\"slept\"");
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new QueryException(QueryException.ErrorType.CANCELED, "canceled");
            }
        }));
        router.get("/budget").handler(ctx -> runner.run(ctx, Duration.ofSeconds(5),
                budget -> new QueryRunner.Answer(String.valueOf(budget.toMillis()))));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void callsBeyondTheLimitAreRefusedWith503WhileTheFirstCompletes() throws Exception {
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> Http.get(uri("/held")));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Http.Response second = Http.get(uri("/held"));
        assertEquals(503, second.status());
        JsonObject error = new JsonObject(second.body());
        assertEquals("unavailable", error.getString("errorType"));
        assertEquals("too many concurrent queries (limit 1), retry later", error.getString("error"));
        release.countDown();
        assertEquals("{\"status\":\"success\",\"data\":\"done\"}", first.get(10, TimeUnit.SECONDS).body());
        assertEquals(200, Http.get(uri("/held")).status(), "admitted again once the first finished");
    }

    @Test
    void aClientThatDisconnectsCancelsItsQuery() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.actualPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /until-interrupted HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(started.await(10, TimeUnit.SECONDS));
        }
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the worker was interrupted");
        // The slot comes back once the interrupted task has finished, a moment after the interrupt.
        Await.until("the slot given back", Duration.ofSeconds(10),
                () -> Optional.of(Http.get(uri("/budget"))).filter(r -> r.status() == 200),
                () -> "the only query slot is still taken");
    }

    @Test
    void aRequestedTimeoutShorterThanTheSettingIsTheBudget() {
        long budget = Long.parseLong(new JsonObject(Http.get(uri("/budget")).body()).getValue("data").toString());
        assertTrue(budget <= 5000 && budget > 0, "the requested 5s, not the configured 30s: " + budget);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
