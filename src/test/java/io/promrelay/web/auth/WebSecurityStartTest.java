package io.promrelay.web.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A web config whose certificate files are unusable stops the start with a reason, never with key material. */
class WebSecurityStartTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(dir.resolve("certs"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static String failure(String certFile, String keyFile) {
        Path web = TestFiles.write(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: %s
                  key_file: %s
                """.formatted(certFile, keyFile));
        Exception e = assertThrows(Exception.class, () -> WebSecurity.load(vertx, web).await());
        return e.getMessage();
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        String message = failure("certs/localhost.pem", "certs/client-key.pem");

        assertTrue(message.contains("does not match the certificate"), message);
    }

    @Test
    void aMissingFileIsNamed() {
        String message = failure("certs/missing.pem", "certs/localhost-key.pem");

        assertTrue(message.contains("tls_server_config.cert_file: cannot read") && message.contains("missing.pem"),
                message);
    }

    @Test
    void aKeyFileThatIsNotAKeyIsRefusedWithoutQuotingIt() throws Exception {
        Files.writeString(dir.resolve("certs/garbage-key.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n"
                + "-----END PRIVATE KEY-----\n");

        String message = failure("certs/localhost.pem", "certs/garbage-key.pem");

        assertTrue(message.contains("tls_server_config.key_file: cannot load a PEM private key"), message);
        assertFalse(message.contains("c2VjcmV0LWJ5dGVz"), message);
    }

    @Test
    void aCertificateFileWithoutACertificateIsRefused() {
        String message = failure("certs/localhost-key.pem", "certs/localhost-key.pem");

        assertTrue(message.contains("tls_server_config.cert_file") && message.contains("holds no"), message);
    }
}
