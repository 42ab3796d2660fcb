package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.promrelay.testing.TlsTargetServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay scraping HTTPS targets that demand credentials: each target is scraped by one job without the
 * credential (down, with the reason in /api/v1/targets) and one with it (up, its samples federated).
 */
class TlsScrapeTest {
    private static final String TOKEN = "bearer-token-one";
    private static final String FIRST_ROTATED_TOKEN = "rotating-token-one";
    private static final String SECOND_ROTATED_TOKEN = "rotating-token-two";
    // Wordings differ between TLS stacks; these name the failure without pinning one library's message.
    private static final Pattern HANDSHAKE_FAILURE = Pattern.compile("(?i)certificate|handshake|tls|ssl");
    private static final Pattern CERTIFICATE_NAME_MISMATCH =
            Pattern.compile("(?i)certificate|x509|subject alternative name|hostname");

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static TlsTargetServer bearerTarget;
    private static TlsTargetServer clientCertTarget;
    private static TlsTargetServer otherNameTarget;
    private static TlsTargetServer rotatingTarget;
    private static Path rotatingTokenFile;
    private static StartedRelay relay;

    @BeforeAll
    static void startTargetsAndRelay() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        TestCertificates certs = TestCertificates.create(dir.resolve("pki"));
        bearerTarget = cleanup.add(TlsTargetServer.withBearerToken(vertx, certs.localhost(), TOKEN));
        clientCertTarget = cleanup.add(
                TlsTargetServer.withClientCertificate(vertx, certs.localhost(), certs.caCert()));
        otherNameTarget = cleanup.add(TlsTargetServer.open(vertx, certs.otherName()));
        rotatingTarget = cleanup.add(
                TlsTargetServer.withBearerToken(vertx, certs.localhost(), FIRST_ROTATED_TOKEN));
        Path tokenFile = TestFiles.write(dir.resolve("token"), TOKEN);
        rotatingTokenFile = TestFiles.write(dir.resolve("rotating-token"), FIRST_ROTATED_TOKEN);

        String ca = "ca_file: \"" + certs.caCert() + "\"";
        String clientCert = ca + ", cert_file: \"" + certs.client().cert() + "\", key_file: \""
                + certs.client().key() + "\"";
        String serverName = ca + ", server_name: " + TestCertificates.OTHER_SERVER_NAME;
        relay = cleanup.add(StartedRelay.startScrapingEverySecond(vertx, dir.resolve("relay"),
                job("bearer-missing", bearerTarget, "tls_config: {" + ca + "}")
                + job("bearer", bearerTarget, "tls_config: {" + ca + "}", "bearer_token_file: \"" + tokenFile + "\"")
                + job("client-cert-missing", clientCertTarget, "tls_config: {" + ca + "}")
                + job("client-cert", clientCertTarget, "tls_config: {" + clientCert + "}")
                + job("server-name-missing", otherNameTarget, "tls_config: {" + ca + "}")
                + job("server-name", otherNameTarget, "tls_config: {" + serverName + "}")
                + job("rotating", rotatingTarget, "tls_config: {" + ca + "}",
                        "authorization: {credentials_file: \"" + rotatingTokenFile + "\"}")));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void targetRequiringABearerTokenIsDownWithout401InLastError() {
        JsonObject target = awaitDown("bearer-missing");

        assertTrue(target.getString("lastError").contains("401"), target.encodePrettily());
        assertUpSeries("bearer-missing", bearerTarget, 0);
    }

    @Test
    void targetRequiringABearerTokenIsScrapedWithBearerTokenFile() {
        awaitUp("bearer");

        assertPayloadFederated("bearer", bearerTarget);
    }

    @Test
    void targetRequiringAClientCertificateIsDownWithoutOne() {
        JsonObject target = awaitDown("client-cert-missing");

        assertTrue(HANDSHAKE_FAILURE.matcher(target.getString("lastError")).find(), target.encodePrettily());
        assertUpSeries("client-cert-missing", clientCertTarget, 0);
    }

    @Test
    void targetRequiringAClientCertificateIsScrapedWithCertAndKeyFiles() {
        awaitUp("client-cert");

        assertPayloadFederated("client-cert", clientCertTarget);
    }

    @Test
    void certificateForAnotherNameIsRejectedWithoutServerName() {
        JsonObject target = awaitDown("server-name-missing");

        assertTrue(CERTIFICATE_NAME_MISMATCH.matcher(target.getString("lastError")).find(),
                target.encodePrettily());
    }

    @Test
    void certificateForAnotherNameIsAcceptedWithServerName() {
        awaitUp("server-name");

        assertPayloadFederated("server-name", otherNameTarget);
    }

    @Test
    void rotatedTokenFileIsReadAgainOnLaterScrapes() {
        awaitUp("rotating");

        rotatingTarget.requireToken(SECOND_ROTATED_TOKEN);
        TestFiles.write(rotatingTokenFile, SECOND_ROTATED_TOKEN);
        Instant rotated = Instant.now();

        relay.awaitTarget("rotating", "up in a scrape started after the token was rotated",
                target -> "up".equals(target.getString("health"))
                        && OffsetDateTime.parse(target.getString("lastScrape")).toInstant().isAfter(rotated));
        assertPayloadFederated("rotating", rotatingTarget);
    }

    private static String job(String name, TlsTargetServer target, String... settings) {
        StringBuilder yaml = new StringBuilder()
                .append("  - job_name: ").append(name).append('\n')
                .append("    scheme: https\n");
        for (String setting : settings) {
            yaml.append("    ").append(setting).append('\n');
        }
        return yaml.append("    static_configs: [{targets: [\"").append(target.address()).append("\"]}]\n")
                .toString();
    }

    private static JsonObject awaitUp(String job) {
        return relay.awaitTarget(job, "up", target -> "up".equals(target.getString("health")));
    }

    private static JsonObject awaitDown(String job) {
        return relay.awaitTarget(job, "down with an error", target -> "down".equals(target.getString("health"))
                && !target.getString("lastError", "").isEmpty());
    }

    private static void assertPayloadFederated(String job, TlsTargetServer target) {
        Map<Labels, Double> federated = ExpositionSamples.parse(
                relay.federate(TlsTargetServer.METRIC + "{job=\"" + job + "\"}"));

        assertEquals(Map.of(Labels.of("__name__", TlsTargetServer.METRIC, "served_by", "tls-target",
                "job", job, "instance", target.address()), TlsTargetServer.VALUE), federated);
    }

    private static void assertUpSeries(String job, TlsTargetServer target, double expected) {
        Map<Labels, Double> federated = ExpositionSamples.parse(relay.federate("up{job=\"" + job + "\"}"));

        assertEquals(Map.of(Labels.of("__name__", "up", "job", job, "instance", target.address()), expected),
                federated);
    }
}
