package io.promrelay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A kustomization read as files, the way {@code kubectl kustomize} would combine them for the checks that
 * matter here (kustomize itself is not available to the tests): the objects of its resources and bases,
 * minus those deleted by a {@code $patch: delete}, the ClusterRole rules added by JSON patches, and the
 * file the promrelay-config ConfigMap is generated from (an overlay's {@code behavior: replace} wins).
 */
record Kustomization(Path dir, List<Map<String, Object>> objects, List<Map<String, Object>> addedRules,
                     Path configFile) {
    static final String CONFIG_MAP = "promrelay-config";

    static Kustomization read(Path dir) {
        Map<String, Object> k = single(dir.resolve("kustomization.yaml"));
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Map<String, Object>> addedRules = new ArrayList<>();
        Path configFile = null;
        for (Object entry : list(k.get("resources"))) {
            Path resource = dir.resolve((String) entry).normalize();
            if (Files.isDirectory(resource)) {
                Kustomization base = read(resource);
                objects.addAll(base.objects());
                addedRules.addAll(base.addedRules());
                configFile = base.configFile();
            } else {
                documents(resource).forEach(doc -> objects.add(map(doc)));
            }
        }
        for (Object generator : list(k.get("configMapGenerator"))) {
            Map<String, Object> g = map(generator);
            if (CONFIG_MAP.equals(g.get("name"))) {
                String source = (String) list(g.get("files")).get(0);
                configFile = dir.resolve(source.substring(source.indexOf('=') + 1)).normalize();
            }
        }
        for (Object entry : list(k.get("patches"))) {
            Map<String, Object> patch = map(entry);
            if (patch.get("patch") instanceof String inline) {
                Map<String, Object> deleted = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(inline));
                objects.removeIf(o -> o.get("kind").equals(deleted.get("kind")) && name(o).equals(name(deleted)));
            } else {
                for (Object op : list(documents(dir.resolve((String) patch.get("path"))).get(0))) {
                    Map<String, Object> operation = map(op);
                    if ("/rules/-".equals(operation.get("path"))) {
                        addedRules.add(map(operation.get("value")));
                    }
                }
            }
        }
        return new Kustomization(dir, List.copyOf(objects), List.copyOf(addedRules), configFile);
    }

    /** The objects of one kind, e.g. "ClusterRole". */
    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static List<Object> documents(Path file) {
        try {
            List<Object> docs = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file)).forEach(doc -> {
                if (doc != null) {
                    docs.add(doc);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> single(Path file) {
        return map(documents(file).get(0));
    }

    static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
