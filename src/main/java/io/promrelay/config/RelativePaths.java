package io.promrelay.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves file paths in a config against the config file's directory, as Prometheus does. */
record RelativePaths(Path configFile) {

    Path resolve(YamlValue value) throws ConfigException {
        return Path.of(resolveText(value));
    }

    /** For patterns that may end in a glob, which stay text until the discovery code expands them. */
    String resolveText(YamlValue value) throws ConfigException {
        String text = value.string();
        if (text.isEmpty()) {
            throw value.error("path must not be empty");
        }
        try {
            return configFile.resolveSibling(text).toString();
        } catch (InvalidPathException e) {
            throw value.error("not a valid path: " + e.getReason());
        }
    }
}
