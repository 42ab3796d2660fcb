package io.promrelay.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS scrape target on 127.0.0.1 serving {@link #PAYLOAD} at /metrics, optionally guarded by a bearer
 * token (401 without it) and/or by a client certificate signed by the test CA (handshake fails without it).
 */
public final class TlsTargetServer implements AutoCloseable {
    public static final String METRIC = "tls_target_payload";
    public static final double VALUE = 42.5;
    public static final String PAYLOAD = "# HELP " + METRIC + " Fixed sample served by the TLS test target.\n"
            + "# TYPE " + METRIC + " gauge\n"
            + METRIC + "{served_by=\"tls-target\"} " + VALUE + "\n";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private volatile String requiredToken;

    private TlsTargetServer(HttpServer server, String requiredToken) {
        this.server = server;
        this.requiredToken = requiredToken;
    }

    /** Requires {@code Authorization: Bearer token}; null means no token is required. */
    public static TlsTargetServer withBearerToken(Vertx vertx, TestCertificates.PemPair cert, String token) {
        return start(vertx, serverOptions(cert), token);
    }

    /** Requires a client certificate issued by {@code clientCa}. */
    public static TlsTargetServer withClientCertificate(Vertx vertx, TestCertificates.PemPair cert, Path clientCa) {
        HttpServerOptions options = serverOptions(cert)
                .setClientAuth(ClientAuth.REQUIRED)
                .setTrustOptions(new PemTrustOptions().addCertPath(clientCa.toString()));
        return start(vertx, options, null);
    }

    /** Plain TLS, no credentials required: for checking how the scraper verifies the server. */
    public static TlsTargetServer open(Vertx vertx, TestCertificates.PemPair cert) {
        return start(vertx, serverOptions(cert), null);
    }

    private static HttpServerOptions serverOptions(TestCertificates.PemPair cert) {
        return new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(cert.cert().toString())
                        .setKeyPath(cert.key().toString()));
    }

    private static TlsTargetServer start(Vertx vertx, HttpServerOptions options, String token) {
        HttpServer server = vertx.createHttpServer(options);
        TlsTargetServer target = new TlsTargetServer(server, token);
        server.requestHandler(target::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("TLS target did not start", e);
        }
        return target;
    }

    private void handle(HttpServerRequest request) {
        String token = requiredToken;
        if (token != null && !("Bearer " + token).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end("missing or wrong bearer token\n");
            return;
        }
        if (!"/metrics".equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(PAYLOAD);
    }

    /** From now on only {@code token} is accepted, as when a credential is rotated on the target side. */
    public void requireToken(String token) {
        this.requiredToken = token;
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
