package io.promrelay.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads strict JSON (as Prometheus's file SD does for .json files) into the same node tree as YAML, so the
 * readers and their located errors work unchanged. The YAML parser cannot stand in: it rejects the tab
 * indentation JSON writers commonly use, and it would accept YAML in a .json file.
 */
final class JsonDocument {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonDocument() {
    }

    /** The root node, or null for a file with no content. */
    static Node parse(String text, String file) throws ConfigException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            Node root = node(parser);
            if (parser.nextToken() != null) {
                throw new ConfigException(file + ":" + line(parser.currentTokenLocation())
                        + ": invalid JSON: unexpected content after the top-level value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ":" + line(e.getLocation()) + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Node node(JsonParser parser) throws IOException {
        Mark mark = mark(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<NodeTuple> tuples = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    Node key = new ScalarNode(Tag.STR, parser.currentName(), mark(parser.currentTokenLocation()),
                            null, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                    parser.nextToken();
                    tuples.add(new NodeTuple(key, node(parser)));
                }
                return new MappingNode(Tag.MAP, true, tuples, mark, null, DumperOptions.FlowStyle.FLOW);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser));
                }
                return new SequenceNode(Tag.SEQ, true, items, mark, null, DumperOptions.FlowStyle.FLOW);
            }
            default -> {
                return new ScalarNode(scalarTag(token), parser.getText(), mark, null, DumperOptions.ScalarStyle.PLAIN);
            }
        }
    }

    private static Tag scalarTag(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT -> Tag.INT;
            case VALUE_NUMBER_FLOAT -> Tag.FLOAT;
            case VALUE_TRUE, VALUE_FALSE -> Tag.BOOL;
            case VALUE_NULL -> Tag.NULL;
            default -> Tag.STR;
        };
    }

    private static Mark mark(JsonLocation location) {
        return new Mark("json", 0, line(location) - 1, 0, new int[0], 0);
    }

    private static int line(JsonLocation location) {
        return location == null ? 1 : Math.max(1, location.getLineNr());
    }
}
