package io.promrelay.config;

import io.promrelay.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a file_sd target file: a list of {@code {targets: [...], labels: {...}}} in JSON (.json) or YAML
 * (.yml, .yaml), as Prometheus's file discovery does, including the {@code __meta_filepath} label it adds
 * to every group. Watching and re-reading files belongs to the discovery package.
 */
public final class FileSdTargets {
    /** The label Prometheus's file discovery sets to the file a target group came from. */
    public static final String FILEPATH_LABEL = "__meta_filepath";

    private FileSdTargets() {
    }

    public static List<StaticConfig> parse(Path file) throws ConfigException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".yml") && !name.endsWith(".yaml")) {
            throw new ConfigException(file + ": file SD files must end in .json, .yml or .yaml");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read file SD file: " + e, e);
        }
        var root = json ? JsonDocument.parse(text, file.toString()) : YamlDocument.compose(text, file.toString());
        if (root == null) {
            if (json) {
                throw new ConfigException(file + ":1: empty JSON file, expected a list of target groups");
            }
            return List.of();
        }
        List<StaticConfig> groups = new ArrayList<>();
        for (YamlValue item : new YamlValue(root, Where.start(file.toString())).list()) {
            if (item.isNull()) {
                throw item.error("nil target group item found");
            }
            StaticConfig group = TargetGroupReader.read(item, false);
            Labels labels = group.labels().toBuilder().set(FILEPATH_LABEL, file.toString()).build();
            groups.add(new StaticConfig(group.targets(), labels));
        }
        return List.copyOf(groups);
    }
}
