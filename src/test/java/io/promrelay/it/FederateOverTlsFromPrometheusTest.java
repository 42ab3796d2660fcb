package io.promrelay.it;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static org.junit.jupiter.api.Assertions.assertEquals;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.promrelay.WebSettings;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.Http;
import io.promrelay.testing.HttpsClient;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus 2.42 federates from a relay that requires TLS with a client certificate and basic auth, with
 * the scrape config an operator would write (scheme https, tls_config with CA and client pair, basic_auth).
 */
class FederateOverTlsFromPrometheusTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String USER = "prometheus";
    private static final String PASSWORD = "federation-secret";

    @TempDir
    Path dir;
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void prometheusFederatesTheRelaysSeriesOverMutualTlsWithBasicAuth() throws Exception {
        PeerBinary.PROMETHEUS.locate();
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        Path web = TestFiles.write(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: certs/localhost.pem
                  key_file: certs/localhost-key.pem
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: certs/ca.pem
                basic_auth_users:
                  %s: %s
                """.formatted(USER, BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray())));
        Vertx vertx = Vertx.vertx();
        cleanup.add(() -> vertx.close().await());
        StartedRelay relay = cleanup.add(StartedRelay.start(vertx, dir.resolve("relay"), """
                promrelay:
                  listen_address: 127.0.0.1:0
                global:
                  external_labels: {relay: tls}
                scrape_configs: []
                """, new WebSettings(web, true)));
        long now = System.currentTimeMillis();
        Http.Response pushed = HttpsClient.withClientCertificate(certs.caCert(), certs.client())
                .post(URI.create("https://" + relay.address() + "/api/v1/write"),
                        body(request(series("__name__", "tls_federated", "path", "mtls").addSamples(sample(now, 42)))),
                        "Authorization", HttpsClient.basicAuth(USER, PASSWORD),
                        "Content-Type", "application/x-protobuf", "Content-Encoding", "snappy");
        assertEquals(204, pushed.status(), pushed.body());

        PrometheusServer prometheus = cleanup.add(PrometheusServer.start(dir.resolve("prometheus"), """
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: relay
                    scheme: https
                    metrics_path: /federate
                    honor_labels: true
                    params: {"match[]": ['{__name__="tls_federated"}']}
                    basic_auth: {username: %s, password: %s}
                    tls_config:
                      ca_file: %s
                      cert_file: %s
                      key_file: %s
                    static_configs: [{targets: ["%s"]}]
                """.formatted(USER, PASSWORD, certs.caCert(), certs.client().cert(), certs.client().key(),
                relay.address())));

        JsonArray result = Await.until("the federated series in Prometheus", ARRIVAL,
                () -> Optional.of(prometheus.query("tls_federated")).filter(r -> !r.isEmpty()),
                () -> "up: " + prometheus.query("up").encode() + "\n" + prometheus.describe());
        JsonObject series = result.getJsonObject(0);
        assertEquals("mtls", series.getJsonObject("metric").getString("path"));
        assertEquals("tls", series.getJsonObject("metric").getString("relay"));
        assertEquals("42", series.getJsonArray("value").getString(1));
    }
}
