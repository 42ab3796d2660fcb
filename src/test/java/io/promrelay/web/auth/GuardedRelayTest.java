package io.promrelay.web.auth;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.promrelay.WebSettings;
import io.promrelay.testing.Http;
import io.promrelay.testing.HttpsClient;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay behind TLS with required, verified client certificates and basic auth, as a web config file sets it up:
 * every route it serves refuses a client without a certificate at the handshake, answers 401 without the right
 * password, and serves a client that shows both.
 */
class GuardedRelayTest {
    private static final String USER = "federator";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRITE_PATH = "/api/v1/write";
    /** Parameters that make each query route answer 200 rather than 400 for a missing argument. */
    private static final Map<String, String> QUERIES = Map.of(
            "/federate", "?match[]=up",
            "/api/v1/query", "?query=up",
            "/api/v1/query_range", "?query=up&start=0&end=60&step=15",
            "/api/v1/format_query", "?query=up",
            "/api/v1/query_exemplars", "?query=up",
            "/api/v1/series", "?match[]=up");
    /** Routes that only take POST; the lifecycle ones refuse with 403 as the relay runs without --web.enable-lifecycle. */
    private static final List<String> POSTED = List.of(WRITE_PATH, "/-/reload", "/-/quit");
    private static final List<String> LIFECYCLE = List.of("/-/reload", "/-/quit");

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static StartedRelay relay;
    private static TestCertificates certs;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"));
        Path web = TestFiles.write(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: certs/localhost.pem
                  key_file: certs/localhost-key.pem
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: certs/ca.pem
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                basic_auth_users:
                  %s: %s
                """.formatted(USER, BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray())));
        vertx = Vertx.vertx();
        relay = StartedRelay.start(vertx, dir, """
                promrelay:
                  listen_address: 127.0.0.1:0
                scrape_configs: []
                """, new WebSettings(web, true));
    }

    @AfterAll
    static void stop() {
        relay.close();
        vertx.close().await();
    }

    @Test
    void theRelayServesMoreThanAHandfulOfRoutes() {
        // Guards against a route list that silently shrank to nothing, which would make the checks below vacuous.
        assertTrue(relay.httpPaths().containsAll(List.of("/federate", "/metrics", WRITE_PATH, "/api/v1/query",
                "/-/healthy", "/-/ready", "/targets", "/")), relay.httpPaths().toString());
    }

    @Test
    void withoutAClientCertificateEveryRouteFailsAtTheHandshake() {
        for (String path : relay.httpPaths()) {
            HttpsClient noCertificate = HttpsClient.trusting(certs.caCert());
            assertThrows(IOException.class, () -> call(noCertificate, path, HttpsClient.basicAuth(USER, PASSWORD)),
                    path + " answered without a client certificate");
        }
    }

    @Test
    void withoutTheRightPasswordEveryRouteAnswers401() throws IOException {
        HttpsClient client = HttpsClient.withClientCertificate(certs.caCert(), certs.client());
        List<String> wrong = List.of(HttpsClient.basicAuth(USER, "wrong"), HttpsClient.basicAuth("nobody", PASSWORD),
                "Bearer " + PASSWORD);
        for (String path : relay.httpPaths()) {
            assertUnauthorized(path, call(client, path, null));
            for (String authorization : wrong) {
                assertUnauthorized(path, call(client, path, authorization));
            }
        }
    }

    @Test
    void withCertificateAndPasswordEveryRouteIsServed() throws IOException {
        HttpsClient client = HttpsClient.withClientCertificate(certs.caCert(), certs.client());
        List<String> failures = new ArrayList<>();
        for (String path : relay.httpPaths()) {
            Http.Response response = call(client, path, HttpsClient.basicAuth(USER, PASSWORD));
            boolean servedByTheRoute = LIFECYCLE.contains(path)
                    ? response.status() == 403 && response.body().contains("Lifecycle API is not enabled")
                    : response.status() < 400;
            if (!servedByTheRoute) {
                failures.add(path + " answered " + response.status() + ": " + response.body());
            }
            assertEquals("deny", response.header("X-Frame-Options"), path);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aRemoteWriteBehindBasicAuthArrivesWhole() throws IOException {
        HttpsClient client = HttpsClient.withClientCertificate(certs.caCert(), certs.client());
        long now = System.currentTimeMillis();

        Http.Response written = client.post(uri(WRITE_PATH), body(request(
                series("__name__", "guarded_push", "via", "https").addSamples(sample(now, 7)))),
                "Authorization", HttpsClient.basicAuth(USER, PASSWORD),
                "Content-Type", "application/x-protobuf", "Content-Encoding", "snappy",
                "X-Prometheus-Remote-Write-Version", "0.1.0");

        assertEquals(204, written.status(), written.body());
        String federated = client.get(uri("/federate?match[]=guarded_push"),
                "Authorization", HttpsClient.basicAuth(USER, PASSWORD)).body();
        assertTrue(federated.contains("guarded_push{via=\"https\"} 7 " + now), federated);
    }

    private static void assertUnauthorized(String path, Http.Response response) {
        assertEquals(401, response.status(), path + ": " + response.body());
        assertEquals("Basic", response.header("WWW-Authenticate"), path);
        assertEquals("deny", response.header("X-Frame-Options"), path);
        assertFalse(response.body().contains(PASSWORD), path);
    }

    /** The route's own method: POST (of an empty write request for the receiver), GET with working arguments else. */
    private static Http.Response call(HttpsClient client, String path, String authorization) throws IOException {
        String concrete = path.replace(":name", "job");
        String[] headers = authorization == null ? new String[0] : new String[] {"Authorization", authorization};
        if (POSTED.contains(concrete)) {
            List<String> withBody = new ArrayList<>(List.of(headers));
            withBody.addAll(List.of("Content-Type", "application/x-protobuf", "Content-Encoding", "snappy"));
            return client.post(uri(concrete), body(request()), withBody.toArray(new String[0]));
        }
        return client.get(uri(concrete + QUERIES.getOrDefault(concrete, "")), headers);
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("https://" + relay.address() + pathAndQuery);
    }
}
