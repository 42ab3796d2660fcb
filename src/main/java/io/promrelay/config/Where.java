package io.promrelay.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Where a value sits in a config file: the file, the 1-based line and the key path such as
 * {@code scrape_configs[0].tls_config}. Every config error is built here so that each one names all three.
 */
record Where(String file, int line, String path) {

    static Where start(String file) {
        return new Where(file, 1, "");
    }

    Where key(String key, Node node) {
        return new Where(file, lineOf(node), path.isEmpty() ? key : path + "." + key);
    }

    Where index(int i, Node node) {
        return new Where(file, lineOf(node), path + "[" + i + "]");
    }

    /** The same path at another line, for a problem spotted on a nested node. */
    Where at(Node node) {
        return new Where(file, lineOf(node), path);
    }

    ConfigException error(String message) {
        return new ConfigException(file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private static int lineOf(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
