package io.promrelay.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the HTTP client keys that sit inline in a scrape config, with the exclusivity rules of Prometheus's
 * HTTPClientConfig.Validate. bearer_token and bearer_token_file become an Authorization of type Bearer.
 */
final class HttpClientConfigReader {
    private static final Set<String> TLS_VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");

    private HttpClientConfigReader() {
    }

    static HttpClientConfig read(YamlMapping m, RelativePaths paths) throws ConfigException {
        Secret bearerToken = m.secret("bearer_token");
        Path bearerTokenFile = path(m, "bearer_token_file", paths);
        boolean bearer = bearerToken != null || bearerTokenFile != null;
        if (bearerToken != null && bearerTokenFile != null) {
            throw m.whereOf("bearer_token_file").error(
                    "at most one of bearer_token & bearer_token_file must be configured");
        }
        BasicAuth basicAuth = m.has("basic_auth") ? basicAuth(m.get("basic_auth"), paths) : null;
        if (basicAuth != null && bearer) {
            throw m.whereOf("basic_auth").error(
                    "at most one of basic_auth, bearer_token & bearer_token_file must be configured");
        }
        Authorization authorization;
        if (m.has("authorization")) {
            YamlValue value = m.get("authorization");
            if (bearer) {
                throw value.error("authorization is not compatible with bearer_token & bearer_token_file");
            }
            authorization = authorization(value, paths);
            if (basicAuth != null) {
                throw value.error("at most one of basic_auth & authorization must be configured");
            }
        } else if (bearer) {
            authorization = new Authorization("Bearer", bearerToken, bearerTokenFile);
        } else {
            authorization = null;
        }
        TlsConfig tls = m.has("tls_config") ? tls(m.get("tls_config"), paths) : TlsConfig.NONE;
        return new HttpClientConfig(authorization, basicAuth, tls, m.bool("follow_redirects", true), proxyUrl(m));
    }

    private static Authorization authorization(YamlValue value, RelativePaths paths) throws ConfigException {
        YamlMapping m = value.mapping(Section.AUTHORIZATION);
        Secret credentials = m.secret("credentials");
        Path credentialsFile = path(m, "credentials_file", paths);
        if (credentials != null && credentialsFile != null) {
            throw m.where().error("at most one of authorization credentials & credentials_file must be configured");
        }
        String type = m.string("type", "").trim();
        if (type.isEmpty()) {
            type = "Bearer";
        }
        if (type.toLowerCase(Locale.ROOT).equals("basic")) {
            throw m.whereOf("type").error("authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        return new Authorization(type, credentials, credentialsFile);
    }

    private static BasicAuth basicAuth(YamlValue value, RelativePaths paths) throws ConfigException {
        YamlMapping m = value.mapping(Section.BASIC_AUTH);
        Secret password = m.secret("password");
        Path passwordFile = path(m, "password_file", paths);
        if (password != null && !password.reveal().isEmpty() && passwordFile != null) {
            throw m.where().error("at most one of basic_auth password & password_file must be configured");
        }
        return new BasicAuth(m.string("username", ""), password, passwordFile);
    }

    static TlsConfig tls(YamlValue value, RelativePaths paths) throws ConfigException {
        YamlMapping m = value.mapping(Section.TLS);
        Path certFile = path(m, "cert_file", paths);
        Path keyFile = path(m, "key_file", paths);
        if (certFile != null && keyFile == null) {
            throw m.where().error("client cert file \"" + certFile + "\" specified without client key file");
        }
        if (keyFile != null && certFile == null) {
            throw m.where().error("client key file \"" + keyFile + "\" specified without client cert file");
        }
        String minVersion = m.string("min_version", null);
        if (minVersion != null && !TLS_VERSIONS.contains(minVersion)) {
            throw m.whereOf("min_version").error("unknown TLS version: " + minVersion
                    + " (one of TLS10, TLS11, TLS12, TLS13)");
        }
        return new TlsConfig(path(m, "ca_file", paths), certFile, keyFile, m.string("server_name", null),
                m.bool("insecure_skip_verify", false), minVersion);
    }

    /** The URL is never echoed in errors: a proxy URL may carry a password. */
    private static String proxyUrl(YamlMapping m) throws ConfigException {
        String text = m.string("proxy_url", null);
        if (text == null) {
            return null;
        }
        Where where = m.whereOf("proxy_url");
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw where.error("proxy_url must be an absolute URL such as http://proxy:3128");
            }
        } catch (URISyntaxException e) {
            throw where.error("proxy_url is not a valid URL");
        }
        return text;
    }

    private static Path path(YamlMapping m, String key, RelativePaths paths) throws ConfigException {
        YamlValue value = m.get(key);
        return value == null ? null : paths.resolve(value);
    }
}
