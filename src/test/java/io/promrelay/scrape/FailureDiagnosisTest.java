package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.ConfigLoader;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.model.Labels;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ClosedPort;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.promrelay.testing.TlsTargetServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of failed scrape, produced for real (closed ports, TLS servers, answers of every status) through the
 * scraper and the ingester, then classified: the kind and the advice an operator gets.
 */
class FailureDiagnosisTest {
    private static final String TOKEN = "s3cr3t-token-value";

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static Vertx vertx;
    private static HttpClient client;
    private static TestCertificates certs;
    private static TestCertificates otherCa;
    private static TlsTargetServer tls;
    private static TlsTargetServer otherName;
    private static TlsTargetServer clientCert;
    private static FakeTarget plain;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        client = vertx.createHttpClient(new HttpClientOptions().setForceSni(true));
        certs = TestCertificates.create(dir.resolve("pki"));
        otherCa = TestCertificates.create(dir.resolve("other-pki"));
        tls = cleanup.add(TlsTargetServer.open(vertx, certs.localhost()));
        otherName = cleanup.add(TlsTargetServer.open(vertx, certs.otherName()));
        clientCert = cleanup.add(TlsTargetServer.withClientCertificate(vertx, certs.localhost(), certs.caCert()));
        plain = cleanup.add(FakeTarget.start(vertx, Answer.text("up_metric 1\n")));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void connectionRefusedOnAnUnknownPortNamesTheAddress() {
        int port = ClosedPort.number();

        Diagnosis d = scrape("", "http://127.0.0.1:" + port + "/metrics");

        assertEquals(FailureKind.CONNECTION_REFUSED, d.kind());
        assertTrue(d.hint().contains("127.0.0.1:" + port), d.hint());
    }

    @Test
    void connectionRefusedOnTheOldSchedulerPortPointsAtTheSecurePort() {
        assumeNothingListensOn(10251);

        Diagnosis d = scrape("", "http://127.0.0.1:10251/metrics");

        assertEquals(FailureKind.CONNECTION_REFUSED, d.kind());
        assertTrue(d.hint().contains("10259") && d.hint().contains("scheme: https"), d.hint());
    }

    @Test
    void connectionRefusedOnTheKubeProxyPortNamesMetricsBindAddress() {
        assumeNothingListensOn(10249);

        Diagnosis d = scrape("", "http://127.0.0.1:10249/metrics");

        assertTrue(d.hint().contains("metricsBindAddress"), d.hint());
    }

    @Test
    void tlsToAPlainPortSaysSchemeHttp() {
        Diagnosis d = scrape(ca(certs.caCert()), "https://" + plain.address() + "/metrics");

        assertEquals(FailureKind.HTTPS_TO_HTTP_PORT, d.kind());
        assertTrue(d.hint().contains("scheme: http"), d.hint());
    }

    @Test
    void plainHttpToATlsServerThatHangsUpSuggestsSchemeHttps() {
        Diagnosis d = scrape("", "http://" + tls.address() + "/metrics");

        assertEquals(FailureKind.CONNECTION_CLOSED, d.kind());
        assertTrue(d.hint().contains("scheme: https"), d.hint());
    }

    @Test
    void goServersAnswerToPlainHttpSaysSchemeHttps() {
        String address = rawServer("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");

        Diagnosis d = scrape("", "http://" + address + "/metrics");

        assertEquals(FailureKind.HTTP_TO_HTTPS_PORT, d.kind());
        assertTrue(d.hint().contains("scheme: https"), d.hint());
    }

    @Test
    void tlsAlertBytesInsteadOfHttpSayTheSame() {
        String address = rawServer(new String(new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46}, StandardCharsets.ISO_8859_1));

        assertEquals(FailureKind.HTTP_TO_HTTPS_PORT, scrape("", "http://" + address + "/metrics").kind());
    }

    @Test
    void unknownAuthorityWithoutCaFileSaysNoneIsSet() {
        Diagnosis d = scrape("scheme: https", "https://" + tls.address() + "/metrics");

        assertEquals(FailureKind.UNKNOWN_AUTHORITY, d.kind());
        assertTrue(d.hint().contains("no tls_config.ca_file is set"), d.hint());
    }

    @Test
    void unknownAuthorityWithAnotherCaFileNamesThatFile() {
        Diagnosis d = scrape(ca(otherCa.caCert()), "https://" + tls.address() + "/metrics");

        assertEquals(FailureKind.UNKNOWN_AUTHORITY, d.kind());
        assertTrue(d.hint().contains(otherCa.caCert().toString()), d.hint());
    }

    @Test
    void certificateForAnotherNameSaysServerName() {
        Diagnosis d = scrape(ca(certs.caCert()), "https://" + otherName.address() + "/metrics");

        assertEquals(FailureKind.NAME_MISMATCH, d.kind());
        assertTrue(d.hint().contains("server_name"), d.hint());
    }

    @Test
    void missingClientCertificateSaysCertFile() {
        Diagnosis d = scrape(ca(certs.caCert()), "https://" + clientCert.address() + "/metrics");

        assertEquals(FailureKind.TLS_HANDSHAKE, d.kind());
        assertTrue(d.hint().contains("cert_file"), d.hint());
    }

    @Test
    void unauthorizedWithATokenFileNamesTheFileButNotTheToken() {
        Path token = TestFiles.write(dir.resolve("token"), TOKEN);
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.status(401)));

        Diagnosis d = scrape("authorization: {credentials_file: \"" + token + "\"}", "http://" + target.address() + "/metrics");

        assertEquals(FailureKind.UNAUTHORIZED, d.kind());
        assertTrue(d.hint().contains(token.toString()), d.hint());
        assertFalse(d.hint().contains(TOKEN), d.hint());
    }

    @Test
    void unauthorizedWithoutCredentialsSaysNoneAreSent() {
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.status(401)));

        Diagnosis d = scrape("", "http://" + target.address() + "/metrics");

        assertTrue(d.hint().contains("sends none") && d.hint().contains("credentials_file"), d.hint());
    }

    @Test
    void unreadableTokenFileNamesTheFile() {
        Path missing = dir.resolve("no-such-token");

        Diagnosis d = scrape("authorization: {credentials_file: \"" + missing + "\"}", "http://" + plain.address() + "/metrics");

        assertEquals(FailureKind.FILE_UNREADABLE, d.kind());
        assertTrue(d.hint().contains(missing.toString()), d.hint());
    }

    @Test
    void forbiddenOnANonResourceUrlNamesThePathAndVerb() {
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.status(403)));

        Diagnosis d = scrape("", "http://" + target.address() + "/metrics");

        assertEquals(FailureKind.FORBIDDEN, d.kind());
        assertTrue(d.hint().contains("nonResourceURLs: [\"/metrics\"]") && d.hint().contains("\"get\""), d.hint());
    }

    @Test
    void kubeletPathsNeedTheirNodesSubresource() {
        assertTrue(RbacHint.forPath(10250, "/metrics").contains("get nodes/metrics"));
        assertTrue(RbacHint.forPath(10250, "/metrics/cadvisor").contains("get nodes/metrics"));
        assertTrue(RbacHint.forPath(10250, "/metrics/resource").contains("get nodes/metrics"));
        assertTrue(RbacHint.forPath(10250, "/metrics/probes").contains("get nodes/metrics"));
        assertTrue(RbacHint.forPath(10250, "/stats/summary").contains("get nodes/stats"));
        assertTrue(RbacHint.forPath(10250, "/pods").contains("get nodes/proxy"));
        assertTrue(RbacHint.forPath(6443, "/api/v1/nodes/node-1/proxy/metrics/cadvisor").contains("get nodes/proxy"));
    }

    @Test
    void notFoundNamesMetricsPath() {
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.status(404)));

        Diagnosis d = scrape("", "http://" + target.address() + "/wrong");

        assertEquals(FailureKind.NOT_FOUND, d.kind());
        assertTrue(d.hint().contains("/wrong") && d.hint().contains("metrics_path"), d.hint());
    }

    @Test
    void serverErrorIsAnHttpStatusWithoutAdvice() {
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.status(500)));

        assertEquals(new Diagnosis(FailureKind.HTTP_STATUS, ""), scrape("", "http://" + target.address() + "/metrics"));
    }

    @Test
    void slowTargetIsATimeout() {
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.text("a 1\n").delayedBy(Duration.ofSeconds(3))));

        Diagnosis d = scrape("scrape_timeout: 300ms", "http://" + target.address() + "/metrics");

        assertEquals(FailureKind.TIMEOUT, d.kind());
        assertTrue(d.hint().contains("scrape_timeout 300ms"), d.hint());
    }

    @Test
    void unresolvableNameIsADnsFailure() {
        Diagnosis d = scrape("", "http://no-such-host.invalid:9100/metrics");

        assertEquals(FailureKind.DNS_LOOKUP, d.kind());
        assertTrue(d.hint().contains("no-such-host.invalid"), d.hint());
    }

    @Test
    void connectionClosedWithoutAnswer() {
        // Closes once the request arrived, as a server that drops it does (closing at accept, before the client has
        // written, can leave Vert.x's client waiting for the scrape timeout in a long test run; see the README).
        NetServer server = vertx.createNetServer().connectHandler(socket -> socket.handler(request -> socket.close()));
        int port = await(server.listen(0, "127.0.0.1")).actualPort();

        assertEquals(FailureKind.CONNECTION_CLOSED, scrape("", "http://127.0.0.1:" + port + "/metrics").kind());
    }

    @Test
    void bodyOverTheLimit() {
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.text("x".repeat(10_000) + " 1\n")));

        Diagnosis d = scrape("body_size_limit: 1KB", "http://" + target.address() + "/metrics");

        assertEquals(FailureKind.BODY_SIZE_LIMIT, d.kind());
        assertTrue(d.hint().contains("body_size_limit"), d.hint());
    }

    @Test
    void samplesOverTheLimit() {
        assertEquals(FailureKind.SAMPLE_LIMIT, ingest("sample_limit: 1", "a 1\nb 2\n").kind());
    }

    @Test
    void labelsOverTheLimit() {
        assertEquals(FailureKind.LABEL_LIMIT, ingest("label_limit: 2", "a{x=\"1\",y=\"2\"} 1\n").kind());
    }

    @Test
    void malformedBodyIsAParseError() {
        Diagnosis d = ingest("", "<html><body>login</body></html>\n");

        assertEquals(FailureKind.PARSE_ERROR, d.kind());
        assertTrue(d.hint().contains("metrics_path"), d.hint());
    }

    @Test
    void anythingElseIsUnknownWithoutAdvice() {
        ScrapeFailure failure = new ScrapeFailure("boom", new FailureEvidence.Thrown(new IllegalStateException("boom")));

        assertEquals(new Diagnosis(FailureKind.UNKNOWN, ""), new FailureDiagnosis(job("")).diagnose(failure, "http://a:1/metrics"));
    }

    private static String ca(Path caFile) {
        return "scheme: https\n    tls_config: {ca_file: \"" + caFile + "\"}";
    }

    private static ScrapeConfig job(String settings) {
        String yaml = "scrape_configs:\n  - job_name: j\n    " + settings + "\n";
        try {
            return ConfigLoader.parse(yaml, dir.resolve("promrelay.yml")).scrapeConfigs().get(0);
        } catch (Exception e) {
            throw new AssertionError(yaml, e);
        }
    }

    /** Scrapes {@code url} once with the job settings, which must fail, and diagnoses the failure. */
    private static Diagnosis scrape(String settings, String url) {
        ScrapeConfig config = job(settings);
        try {
            new HttpScraper(vertx, client, config).scrape(url, 1024).toCompletionStage().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ScrapeFailure failure) {
                return new FailureDiagnosis(config).diagnose(failure, url);
            }
            throw new AssertionError("expected a ScrapeFailure", e);
        } catch (Exception e) {
            throw new AssertionError("scraping " + url, e);
        }
        throw new AssertionError("scraping " + url + " succeeded");
    }

    private static Diagnosis ingest(String settings, String body) {
        ScrapeConfig config = job(settings);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SampleIngester ingester = ScrapeTestSupport.ingester(ScrapeTestSupport.head(), config, Labels.of("job", "j"), List.of());
        try {
            ingester.ingest(new ScrapeBody(bytes, bytes.length, FakeTarget.TEXT_FORMAT), 1000, ScrapeTestSupport.head().appender());
        } catch (ScrapeFailure failure) {
            return new FailureDiagnosis(config).diagnose(failure, "http://a:1/metrics");
        }
        throw new AssertionError("ingesting succeeded: " + body);
    }

    /** A TCP server answering every request with {@code reply} and hanging up; returns host:port. */
    private static String rawServer(String reply) {
        NetServer server = vertx.createNetServer().connectHandler(socket ->
                socket.handler(request -> socket.end(Buffer.buffer(reply.getBytes(StandardCharsets.ISO_8859_1)))));
        return "127.0.0.1:" + await(server.listen(0, "127.0.0.1")).actualPort();
    }


    private static void assumeNothingListensOn(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            Assumptions.abort("something listens on 127.0.0.1:" + port);
        } catch (IOException expected) {
            // nothing there, as the test needs
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
