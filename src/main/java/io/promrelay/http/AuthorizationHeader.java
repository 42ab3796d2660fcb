package io.promrelay.http;

import io.promrelay.config.HttpClientConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The Authorization header an HTTP client block asks for, computed fresh for each request. */
final class AuthorizationHeader {
    private final Credentials credentials;
    private final CredentialSource secret;

    private AuthorizationHeader(Vertx vertx, Credentials credentials) {
        this.credentials = credentials;
        this.secret = new CredentialSource(vertx, credentials.inline(), credentials.file());
    }

    /** Null when the config sets no credentials. */
    static AuthorizationHeader of(Vertx vertx, HttpClientConfig http) {
        Credentials credentials = Credentials.of(http);
        return credentials == null ? null : new AuthorizationHeader(vertx, credentials);
    }

    Future<String> value() {
        return secret.read().map(credentials::headerValue);
    }
}
