package io.promrelay.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML (or JSON) text into SnakeYAML's node tree, which keeps the line of every value. Nothing is
 * constructed from the nodes, so no YAML tag can instantiate a type; tags other than the plain YAML types
 * are rejected outright so a config cannot pretend to carry objects.
 */
final class YamlDocument {
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private YamlDocument() {
    }

    /** The root node, or null for a document with no content (empty, only comments, or a lone null). */
    /** The text of {@code file}; {@code what} names the file in the error ("config file", "web config file"). */
    static String read(Path file, String what) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read " + what + ": " + e, e);
        }
    }

    static Node compose(String text, String file) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            // Only the problem, never SnakeYAML's source snippet: the offending line may hold a password.
            int line = (e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()).getLine() + 1;
            throw new ConfigException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": invalid YAML: " + e.getMessage());
        }
        if (root == null || root.getTag().equals(Tag.NULL)) {
            return null;
        }
        checkTags(root, Where.start(file), Collections.newSetFromMap(new IdentityHashMap<>()));
        return root;
    }

    // Aliases share nodes and may even form cycles, so each node is checked once.
    private static void checkTags(Node node, Where where, Set<Node> seen) throws ConfigException {
        if (!seen.add(node)) {
            return;
        }
        if (node.getTag().equals(Tag.MERGE)) {
            throw where.at(node).error("YAML merge keys (<<) are not supported; write the keys out");
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            throw where.at(node).error("unsupported YAML tag " + node.getTag());
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                checkTags(tuple.getKeyNode(), where, seen);
                checkTags(tuple.getValueNode(), where, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkTags(item, where, seen);
            }
        }
    }
}
