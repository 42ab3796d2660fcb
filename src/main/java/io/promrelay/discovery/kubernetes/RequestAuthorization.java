package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.promrelay.config.HttpClientConfig;
import io.promrelay.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Sets the Authorization header on every API request from the config's credentials. A credentials
 * file is read again each time, so a rotated ServiceAccount token is used as soon as it is written;
 * fabric8's own token handling would cache it. Errors name the file, never its content.
 */
final class RequestAuthorization implements Interceptor {
    static final String NAME = "promrelay-authorization";

    private final String scheme;
    private final String username;
    private final Secret inline;
    private final Path file;

    private RequestAuthorization(String scheme, String username, Secret inline, Path file) {
        this.scheme = scheme;
        this.username = username;
        this.inline = inline;
        this.file = file;
    }

    /** Null when the client block sets no credentials. */
    static RequestAuthorization of(HttpClientConfig http) {
        if (http.authorization() != null) {
            var a = http.authorization();
            return new RequestAuthorization(a.type(), null, a.credentials(), a.credentialsFile());
        }
        if (http.basicAuth() != null) {
            var b = http.basicAuth();
            return new RequestAuthorization("Basic", b.username(), b.password(), b.passwordFile());
        }
        return null;
    }

    static RequestAuthorization bearerFromFile(Path tokenFile) {
        return new RequestAuthorization("Bearer", null, null, tokenFile);
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        builder.setHeader("Authorization", value());
    }

    private String value() {
        String secret = credential();
        if (username == null) {
            return scheme + " " + secret;
        }
        String pair = username + ":" + secret;
        return scheme + " " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String credential() {
        if (file == null) {
            return inline == null ? "" : inline.reveal();
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read credentials file " + file, e);
        }
    }
}
