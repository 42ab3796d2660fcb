package io.promrelay.model;

/** The relay's version, as shown in User-Agent headers. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
