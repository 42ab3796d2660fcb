package io.promrelay.http;

import io.promrelay.config.HttpClientConfig;
import io.promrelay.config.KnownSecrets;
import io.promrelay.config.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What an HTTP client block says to authenticate with: an Authorization scheme, a user for Basic auth, and the
 * secret given inline or in a file (read by whoever sends, so rotated files apply at once).
 */
public record Credentials(String scheme, String username, Secret inline, Path file) {
    /** Null when the block sets no credentials. */
    public static Credentials of(HttpClientConfig http) {
        if (http.authorization() != null) {
            var a = http.authorization();
            return new Credentials(a.type(), null, a.credentials(), a.credentialsFile());
        }
        if (http.basicAuth() != null) {
            var b = http.basicAuth();
            return new Credentials("Basic", b.username(), b.password(), b.passwordFile());
        }
        return null;
    }

    /** The Authorization header's value for the secret as read now. */
    public String headerValue(String secret) {
        KnownSecrets.register(secret);
        if (username == null) {
            return scheme + " " + secret;
        }
        return scheme + " " + basicToken(username, secret);
    }

    /** The base64 token of Basic auth; remembered as a secret too, since it decodes to the password. */
    public static String basicToken(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        KnownSecrets.register(token);
        return token;
    }
}
