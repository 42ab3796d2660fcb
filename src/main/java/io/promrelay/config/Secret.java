package io.promrelay.config;

/** A credential from the config; prints as {@code <secret>} so it cannot leak into logs or APIs. */
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
}
