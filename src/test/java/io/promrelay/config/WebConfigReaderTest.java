package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.TlsServerConfig.ClientAuthType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web config file in exporter-toolkit's format: what it accepts, and errors that point at file:line:key. */
class WebConfigReaderTest {
    private static final Path FILE = Path.of("etc", "web.yml");
    private static final String HASH = "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG";
    private static final String TLS = """
            tls_server_config:
              cert_file: tls/server.pem
              key_file: tls/server-key.pem
            """;

    private static WebConfig parse(String yaml) throws ConfigException {
        return WebConfigReader.parse(yaml, FILE);
    }

    private static ConfigException assertError(String yaml, int line, String path, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        String prefix = FILE + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ");
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected prefix <" + prefix + "> in <" + e.getMessage() + ">");
        assertTrue(e.getMessage().contains(problem), () -> "expected <" + problem + "> in <" + e.getMessage() + ">");
        return e;
    }

    @Test
    void anEmptyFileMeansPlainHttpWithoutAuth() throws ConfigException {
        WebConfig config = parse("# nothing yet\n");

        assertNull(config.tls());
        assertTrue(config.users().isEmpty());
        assertTrue(config.headers().isEmpty());
    }

    @Test
    void aFullConfigIsReadWithPathsRelativeToTheFile() throws ConfigException {
        WebConfig config = parse("""
                tls_server_config:
                  cert_file: tls/server.pem
                  key_file: /abs/server-key.pem
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: tls/ca.pem
                  min_version: TLS13
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                  prefer_server_cipher_suites: false
                  client_allowed_sans: [prometheus.monitoring.svc]
                http_server_config:
                  http2: false
                  headers:
                    Strict-Transport-Security: max-age=31536000
                    X-Frame-Options: sameorigin
                basic_auth_users:
                  alice: %s
                """.formatted(HASH));

        TlsServerConfig tls = config.tls();
        assertEquals(Path.of("etc", "tls", "server.pem"), tls.certFile());
        assertEquals(Path.of("/abs/server-key.pem"), tls.keyFile());
        assertEquals(Path.of("etc", "tls", "ca.pem"), tls.clientCaFile());
        assertEquals(ClientAuthType.RequireAndVerifyClientCert, tls.clientAuthType());
        assertEquals("TLSv1.3", tls.minVersion());
        assertEquals("TLSv1.3", tls.maxVersion());
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), tls.cipherSuites());
        assertEquals(List.of("prometheus.monitoring.svc"), tls.clientAllowedSans());
        assertEquals(Map.of("Strict-Transport-Security", "max-age=31536000", "X-Frame-Options", "sameorigin"),
                config.headers());
        assertEquals(HASH, config.users().get("alice").reveal());
        assertEquals(List.of(tls.certFile(), tls.keyFile(), tls.clientCaFile()), config.files());
    }

    @Test
    void tlsDefaultsAreTls12ToTls13WithoutClientCertificates() throws ConfigException {
        TlsServerConfig tls = parse(TLS).tls();

        assertEquals("TLSv1.2", tls.minVersion());
        assertEquals("TLSv1.3", tls.maxVersion());
        assertEquals(ClientAuthType.NoClientCert, tls.clientAuthType());
        assertTrue(tls.cipherSuites().isEmpty());
    }

    @Test
    void theOldRequireClientCertNameStillMeansAnyCertificate() throws ConfigException {
        assertEquals(ClientAuthType.RequireAnyClientCert,
                parse(TLS + "  client_auth_type: RequireClientCert\n").tls().clientAuthType());
    }

    @Test
    void unknownAndRefusedKeysNameTheirLine() {
        assertError("basic_auth_users: {}\ntls_server_confg: {}\n", 2, "", "unknown key \"tls_server_confg\"");
        assertError(TLS + "  curve_preferences: [X25519]\n", 4, "tls_server_config",
                "key \"curve_preferences\" is not supported by promrelay");
        assertError("http_server_config:\n  compression: true\n", 2, "http_server_config",
                "unknown key \"compression\"");
    }

    @Test
    void aCertificateWithoutItsKeyIsAnError() {
        assertError("tls_server_config:\n  cert_file: a.pem\n", 1, "tls_server_config", "missing key_file");
        assertError("tls_server_config:\n  client_auth_type: RequireAndVerifyClientCert\n  key_file: k.pem\n", 1,
                "tls_server_config", "missing cert_file");
    }

    @Test
    void badTlsValuesNameTheKey() {
        assertError(TLS + "  client_auth_type: RequireCert\n", 4, "tls_server_config.client_auth_type",
                "invalid ClientAuth: RequireCert");
        assertError(TLS + "  client_ca_file: ca.pem\n", 4, "tls_server_config.client_ca_file",
                "client CA's have been configured without a client auth policy");
        assertError(TLS + "  max_version: TLS14\n", 4, "tls_server_config.max_version", "unknown TLS version: TLS14");
        assertError(TLS + "  min_version: TLS13\n  max_version: TLS12\n", 4, "tls_server_config.min_version",
                "min_version is above max_version");
        assertError(TLS + "  cipher_suites:\n    - TLS_RSA_WITH_RC4_128_SHA\n", 5, "tls_server_config.cipher_suites[0]",
                "unknown cipher: TLS_RSA_WITH_RC4_128_SHA");
        assertError(TLS + "  client_auth_type: VerifyClientCertIfGiven\n  client_allowed_sans: [a]\n", 5,
                "tls_server_config.client_allowed_sans", "requires client_auth_type");
    }

    @Test
    void aValueThatIsNotABcryptHashIsRefusedWithoutShowingIt() {
        ConfigException e = assertError("basic_auth_users:\n  alice: " + HASH + "\n  bob: hunter2\n", 3,
                "basic_auth_users.bob", "is not a bcrypt hash");

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void onlyTheToolkitsSecurityHeadersMayBeSet() {
        assertError("http_server_config:\n  headers:\n    Server: promrelay\n", 3, "http_server_config.headers.Server",
                "HTTP header \"Server\" can not be configured");
        assertError("http_server_config:\n  headers:\n    X-Content-Type-Options: sniff\n", 3,
                "http_server_config.headers.X-Content-Type-Options", "Expected one of: [nosniff]");
    }

    @Test
    void http2IsRefusedAsTheRelayServesHttp11Only() {
        assertError("http_server_config:\n  http2: true\n", 2, "http_server_config.http2", "HTTP/1.1 only");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertError("basic_auth_users:\n  alice: [\n", 3, "", "invalid YAML");
    }
}
