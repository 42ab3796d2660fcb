package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ClosedPort;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.HeadlessChromium;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pages for people, from a relay with an up target, a down one and a dropped one: over plain HTTP (status,
 * type, escaping, no secret anywhere) and in a real browser (what a person reads), with screenshots under
 * target/pages for review.
 */
class HumanPagesTest {
    private static final List<String> PAGES = List.of("/status", "/targets", "/service-discovery", "/config");
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final String TOKEN = "page-tok3n-never-shown";
    private static final String PASSWORD = "page-passw0rd-never-shown";
    private static final String TOKEN_FILE_CONTENT = "file-tok3n-never-shown";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static String refused;
    private static FakeTarget up;
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        up = cleanup.add(FakeTarget.start(vertx, Answer.text("page_metric 1\n")));
        refused = "127.0.0.1:" + ClosedPort.number();
        Path tokenFile = TestFiles.write(dir.resolve("token"), TOKEN_FILE_CONTENT);
        relay = cleanup.add(StartedRelay.startScrapingEverySecond(vertx, dir.resolve("relay"), """
                  - job_name: node
                    authorization: {credentials: "%s"}
                    relabel_configs: [{source_labels: [__address__], regex: 'dropped\\.example:.*', action: drop}]
                    static_configs: [{targets: ["%s", "dropped.example:9100"], labels: {team: "%s"}}]
                  - job_name: kube-proxy
                    basic_auth: {username: relay, password: "%s"}
                    static_configs: [{targets: ["%s"]}]
                  - job_name: token-file
                    authorization: {credentials_file: "%s"}
                    static_configs: [{targets: ["%s"]}]
                """.formatted(TOKEN, up.address(), HOSTILE, PASSWORD, refused, tokenFile, up.address())));
        relay.awaitTarget("node", "up", t -> "up".equals(t.getString("health")));
        relay.awaitTarget("kube-proxy", "down", t -> "down".equals(t.getString("health")));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/status", "/targets", "/service-discovery", "/config"})
    void pageIsHtmlWithoutAnySecret(String page) {
        HttpResponse<String> response = get(page);

        assertEquals(200, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().startsWith("<!DOCTYPE html>"), response.body());
        for (String secret : List.of(TOKEN, PASSWORD, TOKEN_FILE_CONTENT)) {
            assertFalse(response.body().contains(secret), page + " shows a secret");
        }
        assertFalse(response.body().contains("<script"), page + " holds a script element");
    }

    @Test
    void rootLeadsToStatus() {
        HttpResponse<String> response = get("/");

        assertEquals(302, response.statusCode());
        assertEquals("/status", response.headers().firstValue("Location").orElse(""));
    }

    @Test
    void targetsPageEscapesAHostileLabelValue() {
        String body = get("/targets").body();

        assertTrue(body.contains("team=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), body);
    }

    @Test
    void targetsPageShowsTheDownTargetsErrorAndHint() {
        String body = get("/targets").body();

        assertTrue(body.contains("http://" + refused + "/metrics"), body);
        assertTrue(body.contains("kind: connection_refused"), body);
        assertTrue(body.contains("Fix: nothing accepts connections on " + refused), body);
    }

    @Test
    void serviceDiscoveryPageShowsTheDroppedTargetAndWhy() {
        String body = get("/service-discovery").body();

        assertTrue(body.contains("__address__=\"dropped.example:9100\""), body);
        assertTrue(body.contains("Dropped: dropped by relabeling"), body);
    }

    @Test
    void configPageShowsSecretsAsPlaceholders() {
        String body = get("/config").body();

        assertTrue(body.contains("credentials: &lt;secret&gt;") && body.contains("password: &lt;secret&gt;"), body);
        assertTrue(body.contains("credentials_file: " + dir.resolve("token")), body);
    }

    @Test
    void statusPageShowsBufferTargetsAndForwarding() {
        String body = get("/status").body();

        assertTrue(body.contains("Active series"), body);
        assertTrue(body.contains("remote write: not configured"), body);
        assertTrue(body.contains(">kube-proxy</a></td><td class=\"up\">0</td><td class=\"down\">1</td>"), body);
    }

    @Test
    void aPersonInABrowserSeesTheDownTargetsReasonAndFix() {
        HeadlessChromium browser = browser();

        String dom = browser.dumpDom(relay.uri("/targets"));

        assertTrue(dom.contains("Fix: nothing accepts connections on " + refused), dom);
        assertTrue(dom.contains("connection refused") || dom.contains("Connection refused"), dom);
        assertTrue(dom.contains("http://" + up.address() + "/metrics"), dom);
        assertTrue(dom.contains(">UP<") && dom.contains(">DOWN<"), dom);
        assertFalse(dom.contains("<script"), "the hostile label became an element:\n" + dom);
    }

    @Test
    void everyPageRendersInABrowserAndIsSavedForReview() {
        HeadlessChromium browser = browser();

        for (String page : PAGES) {
            String dom = browser.dumpDom(relay.uri(page));
            assertTrue(dom.contains("<nav>") && dom.contains("</main>"), page + ":\n" + dom);
            browser.screenshot(relay.uri(page), Path.of("target", "pages", page.substring(1) + ".png"));
        }
        assertTrue(browser.dumpDom(relay.uri("/status")).contains("remote write: not configured"));
        assertTrue(browser.dumpDom(relay.uri("/service-discovery")).contains("Dropped: dropped by relabeling"));
    }

    private static HeadlessChromium browser() {
        Optional<HeadlessChromium> browser = HeadlessChromium.find(dir);
        Assumptions.assumeTrue(browser.isPresent(),
                "no chromium: install Debian's " + HeadlessChromium.PACKAGE + " package to test the pages in a browser");
        return browser.get();
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(relay.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
