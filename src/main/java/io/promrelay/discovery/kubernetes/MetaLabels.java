package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.promrelay.model.Labels;
import java.util.Map;

/** The {@code __meta_kubernetes_*} names shared by the roles, and how object metadata becomes labels. */
final class MetaLabels {
    static final String PREFIX = "__meta_kubernetes_";
    static final String ADDRESS = "__address__";
    static final String NAMESPACE = PREFIX + "namespace";
    static final String NODE_NAME = PREFIX + "node_name";
    private static final String PRESENT = "true";

    private MetaLabels() {
    }

    /**
     * Sets {@code <role>_name} and, for each label and annotation, {@code <role>_label_<name>},
     * {@code <role>_labelpresent_<name>}, {@code <role>_annotation_<name>} and
     * {@code <role>_annotationpresent_<name>}, as Prometheus's addObjectMetaLabels does.
     */
    static void addObjectMeta(Labels.Builder b, ObjectMeta meta, String role) {
        b.set(PREFIX + role + "_name", meta.getName());
        addMap(b, meta.getLabels(), PREFIX + role + "_label_", PREFIX + role + "_labelpresent_");
        addMap(b, meta.getAnnotations(), PREFIX + role + "_annotation_", PREFIX + role + "_annotationpresent_");
    }

    /** One label per entry under {@code prefix}, and one "true" under {@code presentPrefix}. */
    static void addMap(Labels.Builder b, Map<String, String> entries, String prefix, String presentPrefix) {
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String name = sanitize(e.getKey());
            b.set(prefix + name, e.getValue());
            b.set(presentPrefix + name, PRESENT);
        }
    }

    /**
     * attach_metadata's node labels: the node's name and its labels, only when the node is known (as
     * Prometheus's addNodeLabels, which adds nothing for a node it has not seen).
     */
    static void addNodeMetadata(Labels.Builder b, String nodeName, Node node) {
        if (nodeName == null || node == null) {
            return;
        }
        b.set(NODE_NAME, nodeName);
        addMap(b, node.getMetadata().getLabels(), PREFIX + "node_label_", PREFIX + "node_labelpresent_");
    }

    /** Prometheus's strutil.SanitizeLabelName: every character outside [a-zA-Z0-9_] becomes '_'. */
    static String sanitize(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (!valid && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                out.append(valid ? c : '_');
            }
        }
        return out == null ? name : out.toString();
    }

    /** Go's net.JoinHostPort: an IPv6 host goes in brackets. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static String bool(boolean value) {
        return value ? "true" : "false";
    }
}
