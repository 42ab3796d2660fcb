package io.promrelay.config;

/** A configuration error; its message names the file, the line and the key at fault. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
