package io.promrelay.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential from the config; prints as {@code <secret>} so it cannot leak into logs or APIs. Two secrets are
 * equal when their values are, so a reload sees a changed password as a changed config.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
        KnownSecrets.register(value);
    }

    /** The plain value, for the one place that sends it (an Authorization header, a key store). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<secret>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
