package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;

import org.junit.jupiter.api.Test;

/** The exclusivity rules of Prometheus's HTTP client config, each pointing at the block at fault. */
class HttpClientConfigValidationTest {

    private static String job(String body) {
        return "scrape_configs:\n  - job_name: a\n    " + body.replace("\n", "\n    ") + "\n";
    }

    @Test
    void bearerTokenAndFileAreExclusive() {
        assertError(job("bearer_token: t\nbearer_token_file: f"), 4, "scrape_configs[0].bearer_token_file",
                "at most one of bearer_token & bearer_token_file must be configured");
    }

    @Test
    void basicAuthExcludesBearerToken() {
        assertError(job("bearer_token_file: f\nbasic_auth: {username: u}"), 4, "scrape_configs[0].basic_auth",
                "at most one of basic_auth, bearer_token & bearer_token_file must be configured");
    }

    @Test
    void authorizationExcludesBearerAndBasicAuth() {
        assertError(job("bearer_token: t\nauthorization: {credentials: c}"), 4, "scrape_configs[0].authorization",
                "authorization is not compatible with bearer_token & bearer_token_file");
        assertError(job("basic_auth: {username: u}\nauthorization: {credentials: c}"), 4,
                "scrape_configs[0].authorization", "at most one of basic_auth & authorization must be configured");
    }

    @Test
    void authorizationCredentialsAndFileAreExclusive() {
        assertError(job("authorization:\n  credentials: c\n  credentials_file: f"), 3, "scrape_configs[0].authorization",
                "at most one of authorization credentials & credentials_file must be configured");
    }

    @Test
    void authorizationTypeBasicIsRefused() {
        assertError(job("authorization:\n  type: Basic\n  credentials: c"), 4, "scrape_configs[0].authorization.type",
                "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    }

    @Test
    void basicAuthPasswordAndFileAreExclusive() {
        assertError(job("basic_auth:\n  username: u\n  password: p\n  password_file: f"), 3,
                "scrape_configs[0].basic_auth", "at most one of basic_auth password & password_file must be configured");
    }

    @Test
    void clientCertAndKeyGoTogether() {
        assertError(job("tls_config:\n  cert_file: /c.pem"), 3, "scrape_configs[0].tls_config",
                "client cert file \"/c.pem\" specified without client key file");
        assertError(job("tls_config:\n  key_file: /k.pem"), 3, "scrape_configs[0].tls_config",
                "client key file \"/k.pem\" specified without client cert file");
    }

    @Test
    void minVersionMustBeKnown() {
        assertError(job("tls_config:\n  min_version: TLS1.2"), 4, "scrape_configs[0].tls_config.min_version",
                "unknown TLS version: TLS1.2");
    }

    @Test
    void proxyUrlMustBeAUrl() {
        assertError(job("proxy_url: 'proxy:3128'"), 3, "scrape_configs[0].proxy_url", "must be an absolute URL");
        assertError(job("proxy_url: 'http://a b'"), 3, "scrape_configs[0].proxy_url", "is not a valid URL");
    }
}
