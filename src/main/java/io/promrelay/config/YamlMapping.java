package io.promrelay.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A config section as a mapping: rejects duplicate, unknown and refused keys up front, then hands out its values
 * by key. A key with a null value counts as absent, so its default applies.
 */
final class YamlMapping {
    private final Where where;
    private final Map<String, YamlValue> entries;

    YamlMapping(MappingNode node, Where where, Section section) throws ConfigException {
        this.where = where;
        this.entries = entries(node, where);
        for (Map.Entry<String, YamlValue> e : entries.entrySet()) {
            String key = e.getKey();
            if (section.supported().contains(key)) {
                continue;
            }
            Where keyWhere = e.getValue().where();
            Where at = new Where(keyWhere.file(), keyWhere.line(), where.path());
            String reason = section.refused().get(key);
            throw at.error(reason != null ? "key \"" + key + "\" " + reason : "unknown key \"" + key + "\"");
        }
    }

    static Map<String, YamlValue> entries(MappingNode node, Where where) throws ConfigException {
        Map<String, YamlValue> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw where.at(tuple.getKeyNode()).error("keys must be plain strings");
            }
            String key = keyNode.getValue();
            YamlValue value = new YamlValue(tuple.getValueNode(), where.key(key, keyNode));
            if (entries.putIfAbsent(key, value) != null) {
                throw where.at(keyNode).error("duplicate key \"" + key + "\" (first at line "
                        + entries.get(key).where().line() + ")");
            }
        }
        return entries;
    }

    Where where() {
        return where;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** The value of {@code key}, or null when the key is absent or null. */
    YamlValue get(String key) {
        YamlValue value = entries.get(key);
        return value == null || value.isNull() ? null : value;
    }

    String string(String key, String fallback) throws ConfigException {
        YamlValue value = get(key);
        return value == null ? fallback : value.string();
    }

    Secret secret(String key) throws ConfigException {
        YamlValue value = get(key);
        return value == null ? null : value.secret();
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        YamlValue value = get(key);
        return value == null ? fallback : value.bool();
    }

    long nonNegativeLong(String key) throws ConfigException {
        YamlValue value = get(key);
        return value == null ? 0 : value.nonNegativeLong();
    }

    /** A duration, or null when absent; callers decide the default since Prometheus derives some of them. */
    Duration duration(String key) throws ConfigException {
        YamlValue value = get(key);
        return value == null ? null : value.duration();
    }

    /** A duration that must be above zero (a refresh interval), or {@code fallback} when absent. */
    Duration positiveDuration(String key, Duration fallback) throws ConfigException {
        Duration value = duration(key);
        if (value == null) {
            return fallback;
        }
        if (value.isZero()) {
            throw whereOf(key).error(key + " must be greater than 0s");
        }
        return value;
    }

    /** The error location for a key, or the mapping itself when the key is absent. */
    Where whereOf(String key) {
        YamlValue value = entries.get(key);
        return value == null ? where : value.where();
    }
}
