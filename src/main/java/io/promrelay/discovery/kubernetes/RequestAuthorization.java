package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.promrelay.config.HttpClientConfig;
import io.promrelay.http.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets the Authorization header on every API request from the config's credentials. A credentials
 * file is read again each time, so a rotated ServiceAccount token is used as soon as it is written;
 * fabric8's own token handling would cache it. Errors name the file, never its content.
 */
final class RequestAuthorization implements Interceptor {
    static final String NAME = "promrelay-authorization";

    private final Credentials credentials;

    private RequestAuthorization(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Null when the client block sets no credentials. */
    static RequestAuthorization of(HttpClientConfig http) {
        Credentials credentials = Credentials.of(http);
        return credentials == null ? null : new RequestAuthorization(credentials);
    }

    static RequestAuthorization bearerFromFile(Path tokenFile) {
        return new RequestAuthorization(new Credentials("Bearer", null, null, tokenFile));
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        builder.setHeader("Authorization", credentials.headerValue(secret()));
    }

    private String secret() {
        if (credentials.file() == null) {
            return credentials.inline() == null ? "" : credentials.inline().reveal();
        }
        try {
            return Files.readString(credentials.file(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read credentials file " + credentials.file(), e);
        }
    }
}
