package io.promrelay.config;

import io.promrelay.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML value with its location, read as the type a key expects. Type errors describe the expected type,
 * never the value, so a misplaced secret does not end up in a log.
 */
final class YamlValue {
    private static final Pattern NON_NEGATIVE_INTEGER = Pattern.compile("\\+?[0-9]+");

    private final Node node;
    private final Where where;

    YamlValue(Node node, Where where) {
        this.node = node;
        this.where = where;
    }

    Where where() {
        return where;
    }

    ConfigException error(String message) {
        return where.error(message);
    }

    boolean isNull() {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    YamlMapping mapping(Section section) throws ConfigException {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping, got " + kind());
        }
        return new YamlMapping(mapping, where, section);
    }

    List<YamlValue> list() throws ConfigException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list, got " + kind());
        }
        List<YamlValue> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new YamlValue(item, where.index(items.size(), item)));
        }
        return items;
    }

    /** Any scalar as its text, as Go's YAML decoder fills a string field from {@code 123} or {@code true}. */
    String string() throws ConfigException {
        if (!(node instanceof ScalarNode scalar) || isNull()) {
            throw error("expected a string, got " + kind());
        }
        return scalar.getValue();
    }

    Secret secret() throws ConfigException {
        return new Secret(string());
    }

    boolean bool() throws ConfigException {
        if (!node.getTag().equals(Tag.BOOL)) {
            throw error("expected true or false, got " + kind());
        }
        String text = ((ScalarNode) node).getValue().toLowerCase(Locale.ROOT);
        return text.equals("true") || text.equals("yes") || text.equals("on");
    }

    long nonNegativeLong() throws ConfigException {
        String text = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        if (!node.getTag().equals(Tag.INT) || !NON_NEGATIVE_INTEGER.matcher(text).matches()) {
            throw error("expected a non-negative integer, got " + describe());
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("integer out of range: " + text);
        }
    }

    Duration duration() throws ConfigException {
        try {
            return PrometheusDuration.parse(string());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    long byteSize() throws ConfigException {
        try {
            return ByteSize.parse(string());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    List<String> strings() throws ConfigException {
        List<String> out = new ArrayList<>();
        for (YamlValue item : list()) {
            out.add(item.string());
        }
        return out;
    }

    /** A mapping of plain strings (labels, params); duplicate keys are rejected like everywhere else. */
    Map<String, YamlValue> entries() throws ConfigException {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping, got " + kind());
        }
        return YamlMapping.entries(mapping, where);
    }

    /** A label set (external_labels, target labels): names must be valid label names; empty values drop out. */
    Labels labels() throws ConfigException {
        Labels.Builder builder = new Labels.Builder();
        for (Map.Entry<String, YamlValue> e : entries().entrySet()) {
            LabelNames.check(e.getKey(), e.getValue().where());
            builder.set(e.getKey(), e.getValue().isNull() ? "" : e.getValue().string());
        }
        return builder.build();
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull()) {
            return "null";
        }
        if (node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT)) {
            return "a number";
        }
        if (node.getTag().equals(Tag.BOOL)) {
            return "a boolean";
        }
        return "a string";
    }

    // Only for types that can never hold a secret (numbers): shows the text so the user sees the mistake.
    private String describe() {
        return node instanceof ScalarNode scalar && !isNull() ? "\"" + scalar.getValue() + "\"" : kind();
    }
}
