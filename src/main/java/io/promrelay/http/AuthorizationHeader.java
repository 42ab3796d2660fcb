package io.promrelay.http;

import io.promrelay.config.HttpClientConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The Authorization header an HTTP client block asks for, computed fresh for each request. */
final class AuthorizationHeader {
    private final String scheme;
    private final String username;
    private final CredentialSource credential;

    private AuthorizationHeader(String scheme, String username, CredentialSource credential) {
        this.scheme = scheme;
        this.username = username;
        this.credential = credential;
    }

    /** Null when the config sets no credentials. */
    static AuthorizationHeader of(Vertx vertx, HttpClientConfig http) {
        if (http.authorization() != null) {
            var a = http.authorization();
            return new AuthorizationHeader(a.type(), null, new CredentialSource(vertx, a.credentials(), a.credentialsFile()));
        }
        if (http.basicAuth() != null) {
            var b = http.basicAuth();
            return new AuthorizationHeader("Basic", b.username(), new CredentialSource(vertx, b.password(), b.passwordFile()));
        }
        return null;
    }

    Future<String> value() {
        return credential.read().map(secret -> {
            if (username == null) {
                return scheme + " " + secret;
            }
            String pair = username + ":" + secret;
            return scheme + " " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        });
    }
}
