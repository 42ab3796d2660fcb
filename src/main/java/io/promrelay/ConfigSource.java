package io.promrelay;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;

/** Where a reload reads the config from: the config file, with the command line's overrides applied. */
@FunctionalInterface
public interface ConfigSource {
    /**
     * @throws ConfigException          when the file is unreadable or invalid; the message names file, line and key
     * @throws IllegalArgumentException when a command-line override does not fit the new file
     */
    Config load() throws ConfigException;
}
