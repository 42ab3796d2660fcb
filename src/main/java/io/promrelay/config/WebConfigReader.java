package io.promrelay.config;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import io.promrelay.config.TlsServerConfig.ClientAuthType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the web config file with the rules of Prometheus's exporter-toolkit (as Prometheus 2.42 ships it): TLS is
 * on when any of cert_file, key_file, client_auth_type or client_ca_file is set, and then both files are needed;
 * client CAs without a client auth policy are an error; every basic_auth_users value must be a bcrypt hash; only the
 * security headers the toolkit allows may be configured. Errors name file:line:key and never show a hash.
 */
public final class WebConfigReader {
    private static final Map<String, String> TLS_VERSIONS =
            Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    private static final List<String> PROTOCOL_ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** Go's tls.CipherSuites(), the only names the toolkit accepts; JSSE knows them by the same IANA names. */
    private static final Set<String> CIPHER_SUITES = Set.of(
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    /** The headers exporter-toolkit lets a web config set, with the values allowed where it restricts them. */
    private static final Map<String, List<String>> HEADERS = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    private WebConfigReader() {
    }

    /** Reads and checks the file; blocking, so never on an event loop. */
    public static WebConfig load(Path file) throws ConfigException {
        return parse(YamlDocument.read(file, "web config file"), file);
    }

    public static WebConfig parse(String yaml, Path file) throws ConfigException {
        var root = YamlDocument.compose(yaml, file.toString());
        if (root == null) {
            return WebConfig.open(file);
        }
        YamlMapping top = new YamlValue(root, Where.start(file.toString())).mapping(Section.WEB);
        RelativePaths paths = new RelativePaths(file);
        TlsServerConfig tls = top.has("tls_server_config") ? tls(top.get("tls_server_config"), paths) : null;
        Map<String, String> headers = top.has("http_server_config") ? http(top.get("http_server_config")) : Map.of();
        Map<String, Secret> users = top.has("basic_auth_users") ? users(top.get("basic_auth_users")) : Map.of();
        return new WebConfig(file, tls, users, headers);
    }

    private static TlsServerConfig tls(YamlValue value, RelativePaths paths) throws ConfigException {
        YamlMapping m = value.mapping(Section.WEB_TLS);
        if (!m.has("cert_file") && !m.has("key_file") && !m.has("client_auth_type") && !m.has("client_ca_file")) {
            return null;
        }
        if (!m.has("cert_file")) {
            throw m.where().error("missing cert_file");
        }
        if (!m.has("key_file")) {
            throw m.where().error("missing key_file");
        }
        ClientAuthType clientAuth = clientAuth(m);
        Path clientCa = m.has("client_ca_file") ? paths.resolve(m.get("client_ca_file")) : null;
        if (clientCa != null && clientAuth == ClientAuthType.NoClientCert) {
            throw m.whereOf("client_ca_file").error("client CA's have been configured without a client auth policy"
                    + " (set client_auth_type, e.g. RequireAndVerifyClientCert)");
        }
        List<String> sans = m.has("client_allowed_sans") ? m.get("client_allowed_sans").strings() : List.of();
        if (!sans.isEmpty() && !clientAuth.required()) {
            throw m.whereOf("client_allowed_sans").error("client_allowed_sans requires client_auth_type to be"
                    + " RequireAnyClientCert or RequireAndVerifyClientCert");
        }
        String min = version(m, "min_version", "TLS12");
        String max = version(m, "max_version", "TLS13");
        if (PROTOCOL_ORDER.indexOf(min) > PROTOCOL_ORDER.indexOf(max)) {
            throw m.whereOf("min_version").error("min_version is above max_version");
        }
        // Go has ignored prefer_server_cipher_suites since 1.18 (Prometheus 2.42 is built with 1.19); read for its type.
        m.bool("prefer_server_cipher_suites", true);
        return new TlsServerConfig(paths.resolve(m.get("cert_file")), paths.resolve(m.get("key_file")), clientAuth,
                clientCa, min, max, cipherSuites(m), List.copyOf(sans));
    }

    private static ClientAuthType clientAuth(YamlMapping m) throws ConfigException {
        String name = m.string("client_auth_type", "NoClientCert");
        if (name.isEmpty()) {
            return ClientAuthType.NoClientCert;
        }
        if (name.equals("RequireClientCert")) {
            return ClientAuthType.RequireAnyClientCert; // the toolkit's old name, still accepted
        }
        try {
            return ClientAuthType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw m.whereOf("client_auth_type").error("invalid ClientAuth: " + name + " (one of NoClientCert,"
                    + " RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert)");
        }
    }

    private static String version(YamlMapping m, String key, String fallback) throws ConfigException {
        String name = m.string(key, fallback);
        String protocol = TLS_VERSIONS.get(name);
        if (protocol == null) {
            throw m.whereOf(key).error("unknown TLS version: " + name + " (one of TLS10, TLS11, TLS12, TLS13)");
        }
        return protocol;
    }

    private static List<String> cipherSuites(YamlMapping m) throws ConfigException {
        if (!m.has("cipher_suites")) {
            return List.of();
        }
        List<String> suites = new ArrayList<>();
        for (YamlValue item : m.get("cipher_suites").list()) {
            String name = item.string();
            if (!CIPHER_SUITES.contains(name)) {
                throw item.error("unknown cipher: " + name);
            }
            suites.add(name);
        }
        return List.copyOf(suites);
    }

    private static Map<String, String> http(YamlValue value) throws ConfigException {
        YamlMapping m = value.mapping(Section.WEB_HTTP);
        if (m.bool("http2", false)) {
            throw m.whereOf("http2").error("promrelay serves HTTP/1.1 only; remove http2 or set it to false");
        }
        if (!m.has("headers")) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, YamlValue> e : m.get("headers").entries().entrySet()) {
            List<String> allowed = HEADERS.get(e.getKey());
            if (allowed == null) {
                throw e.getValue().error("HTTP header \"" + e.getKey() + "\" can not be configured (one of "
                        + String.join(", ", HEADERS.keySet().stream().sorted().toList()) + ")");
            }
            String headerValue = e.getValue().string();
            if (!allowed.isEmpty() && !allowed.contains(headerValue)) {
                throw e.getValue().error("invalid value for " + e.getKey() + ". Expected one of: " + allowed
                        + ", but got: \"" + headerValue + "\"");
            }
            headers.put(e.getKey(), headerValue);
        }
        return Map.copyOf(headers);
    }

    private static Map<String, Secret> users(YamlValue value) throws ConfigException {
        Map<String, Secret> users = new LinkedHashMap<>();
        for (Map.Entry<String, YamlValue> e : value.entries().entrySet()) {
            Secret hash = e.getValue().secret();
            try {
                BCrypt.Version.VERSION_2A.parser.parse(hash.reveal().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalBCryptFormatException e2) {
                throw e.getValue().error("the value for user \"" + e.getKey()
                        + "\" is not a bcrypt hash (make one with htpasswd -nBC 10 \"\" | tr -d ':\\n')");
            }
            users.put(e.getKey(), hash);
        }
        return Map.copyOf(users);
    }
}
