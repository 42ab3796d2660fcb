package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A secret value must never appear in an error message or in the rendered config. */
class SecretsTest {
    private static final String SECRET = "hunter2-TOP";

    private static void assertErrorHidesSecret(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith(ConfigAssertions.FILE + ":"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void errorsAboutSecretFieldsNameTheKeyNotTheValue() {
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    bearer_token: " + SECRET
                + "\n    bearer_token_file: f\n");
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    basic_auth:\n      username: u\n      password: "
                + SECRET + "\n      password_file: f\n");
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    authorization:\n      credentials: " + SECRET
                + "\n      credentials_file: f\n");
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    basic_auth:\n      password: [" + SECRET + "]\n");
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    proxy_url: 'http://u:" + SECRET + "@'\n");
    }

    @Test
    void yamlSyntaxErrorsDoNotQuoteTheLine() {
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    bearer_token: \"" + SECRET + "\n");
        assertErrorHidesSecret("scrape_configs:\n  - job_name: a\n    bearer_token: " + SECRET + ": x: y\n");
    }

    @Test
    void rendererShowsSecretsAsPlaceholder() throws ConfigException {
        String yaml = ConfigRenderer.toYaml(parse("""
                scrape_configs:
                  - job_name: a
                    bearer_token: %1$s
                  - job_name: b
                    basic_auth: {username: admin, password: %1$s}
                    proxy_url: http://proxyuser:%1$s@proxy:3128
                """.formatted(SECRET)));
        assertFalse(yaml.contains(SECRET), yaml);
        assertTrue(yaml.contains("credentials: <secret>"), yaml);
        assertTrue(yaml.contains("password: <secret>"), yaml);
        assertTrue(yaml.contains("proxy_url: http://proxyuser:<secret>@proxy:3128"), yaml);
    }

    @Test
    void secretPrintsAsPlaceholder() {
        assertEquals("<secret>", new Secret(SECRET).toString());
    }
}
