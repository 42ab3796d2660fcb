package io.promrelay.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.promrelay.WebSettings;
import io.promrelay.testing.Await;
import io.promrelay.testing.CapturedLog;
import io.promrelay.testing.Http;
import io.promrelay.testing.HttpsClient;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web config file and the certificate files it names are re-read while the relay runs: rotated certificates
 * and changed passwords apply without a restart, and a broken or half-rotated set keeps the running settings.
 */
class WebConfigReloadTest {
    private static final Duration APPLIED = WebSecurity.CHECK_INTERVAL.multipliedBy(10);
    private static final String USER = "prom";
    private static final String WEB_CONFIG = """
            tls_server_config:
              cert_file: server.pem
              key_file: server-key.pem
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: clients-ca.pem
            basic_auth_users:
              %s: %s
            """;

    @TempDir
    static Path pki;
    private static TestCertificates before;
    private static TestCertificates after;
    @TempDir
    Path dir;
    private Path web;
    private Vertx vertx;
    private StartedRelay relay;
    private CapturedLog log;

    @BeforeAll
    static void createCertificates() {
        before = TestCertificates.create(pki.resolve("before"));
        after = TestCertificates.create(pki.resolve("after"));
    }

    @BeforeEach
    void start() throws Exception {
        web = dir.resolve("web");
        install(before.localhost().cert(), "server.pem");
        install(before.localhost().key(), "server-key.pem");
        install(before.caCert(), "clients-ca.pem");
        writeWebConfig("old password");
        log = CapturedLog.of(WebSecurity.class);
        vertx = Vertx.vertx();
        relay = StartedRelay.start(vertx, dir, """
                promrelay:
                  listen_address: 127.0.0.1:0
                scrape_configs: []
                """, new WebSettings(web.resolve("web.yml"), false));
        assertEquals(200, healthy(HttpsClient.withClientCertificate(before.caCert(), before.client()),
                "old password").status());
    }

    @AfterEach
    void stop() {
        relay.close();
        vertx.close().await();
        log.close();
    }

    @Test
    void newCertificatesAndANewPasswordApplyWithoutRestart() throws Exception {
        install(after.localhost().cert(), "server.pem");
        install(after.localhost().key(), "server-key.pem");
        install(after.caCert(), "clients-ca.pem");
        writeWebConfig("new password");

        HttpsClient rotated = HttpsClient.withClientCertificate(after.caCert(), after.client());
        Await.until("the rotated certificates and password to be accepted", APPLIED,
                () -> answer(rotated, "new password").filter(r -> r.status() == 200), () -> "logged: " + log.messages());
        assertEquals(serialOf(after.localhost().cert()),
                rotated.serverCertificate(health(), "Authorization", HttpsClient.basicAuth(USER, "new password"))
                        .getSerialNumber());
        assertEquals(401, healthy(rotated, "old password").status());
        assertThrows(IOException.class, () -> healthy(
                HttpsClient.withClientCertificate(before.caCert(), before.client()), "new password"));
    }

    @Test
    void aCertificateWhoseKeyIsNotYetRotatedKeepsTheOldPairUntilTheKeyFollows() throws Exception {
        install(after.localhost().cert(), "server.pem");

        String refused = log.await("not applied", APPLIED);
        assertFalse(refused.contains("PRIVATE KEY"), refused);
        HttpsClient trustingBefore = HttpsClient.withClientCertificate(before.caCert(), before.client());
        assertEquals(serialOf(before.localhost().cert()), servedSerial(trustingBefore));

        install(after.localhost().key(), "server-key.pem");
        HttpsClient trustingAfter = HttpsClient.withClientCertificate(after.caCert(), before.client());
        Await.until("the new pair to be served", APPLIED,
                () -> answer(trustingAfter, "old password").filter(r -> r.status() == 200), () -> "logged: " + log.messages());
        assertEquals(serialOf(after.localhost().cert()), servedSerial(trustingAfter));
    }

    @Test
    void aBrokenWebConfigKeepsTheRunningSettingsAndSaysWhyWithoutTheSecret() throws Exception {
        HttpsClient client = HttpsClient.withClientCertificate(before.caCert(), before.client());
        TestFiles.write(web.resolve("web.yml"), """
                basic_auth_users:
                  prom: "not-a-bcrypt-hash-but-a-leaked-password"
                """);

        String refused = log.await("not applied", APPLIED);
        assertTrue(refused.contains("web.yml:2: basic_auth_users.prom"), refused);
        assertFalse(refused.contains("leaked-password"), refused);
        assertEquals(200, healthy(client, "old password").status());

        log.clear();
        TestFiles.write(web.resolve("web.yml"), "tls_server_config: {cert_file: server.pem\n");
        log.await("invalid YAML", APPLIED);
        assertEquals(200, healthy(client, "old password").status());

        writeWebConfig("fixed password");
        Await.until("the fixed web config to apply", APPLIED,
                () -> answer(client, "fixed password").filter(r -> r.status() == 200), () -> "logged: " + log.messages());
    }

    private void writeWebConfig(String password) {
        TestFiles.write(web.resolve("web.yml"),
                WEB_CONFIG.formatted(USER, BCrypt.withDefaults().hashToString(4, password.toCharArray())));
    }

    // Written beside and moved into place, as a secret or cert-manager volume update swaps files.
    private void install(Path source, String name) throws IOException {
        Files.createDirectories(web);
        Path staged = web.resolve(name + ".new");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, web.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Http.Response healthy(HttpsClient client, String password) throws IOException {
        return client.get(health(), "Authorization", HttpsClient.basicAuth(USER, password));
    }

    /** The answer, or empty while the handshake is still refused. */
    private Optional<Http.Response> answer(HttpsClient client, String password) {
        try {
            return Optional.of(healthy(client, password));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private BigInteger servedSerial(HttpsClient client) throws IOException {
        return client.serverCertificate(health(), "Authorization", HttpsClient.basicAuth(USER, "old password"))
                .getSerialNumber();
    }

    private URI health() {
        return URI.create("https://" + relay.address() + "/-/healthy");
    }

    private static BigInteger serialOf(Path pem) {
        try (var in = Files.newInputStream(pem)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in)).getSerialNumber();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
