package io.promrelay.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a promrelay config: Prometheus's configuration format for the keys promrelay supports, plus its own
 * {@code promrelay} section. Every error names the file, the line and the key; keys Prometheus has but
 * promrelay does not honour are errors too, never silently ignored.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static Config load(Path file) throws ConfigException {
        return parse(YamlDocument.read(file, "config file"), file);
    }

    /** Parses config text as if read from {@code file}, which names it in errors and anchors relative paths. */
    public static Config parse(String yaml, Path file) throws ConfigException {
        var root = YamlDocument.compose(yaml, file.toString());
        if (root == null) {
            return new Config(file, GlobalConfig.DEFAULT, RelayConfig.DEFAULT, List.of(), List.of());
        }
        YamlMapping top = new YamlValue(root, Where.start(file.toString())).mapping(Section.TOP);
        GlobalConfig global = top.has("global") ? GlobalConfigReader.read(top.get("global")) : GlobalConfig.DEFAULT;
        RelayConfig relay = top.has("promrelay") ? RelayConfigReader.read(top.get("promrelay")) : RelayConfig.DEFAULT;
        RelativePaths paths = new RelativePaths(file);
        return new Config(file, global, relay, scrapeConfigs(top.get("scrape_configs"), global, paths),
                RemoteWriteConfigReader.readList(top.get("remote_write"), paths));
    }

    private static List<ScrapeConfig> scrapeConfigs(YamlValue list, GlobalConfig global, RelativePaths paths)
            throws ConfigException {
        if (list == null) {
            return List.of();
        }
        List<ScrapeConfig> configs = new ArrayList<>();
        Map<String, Integer> jobLines = new HashMap<>();
        for (YamlValue item : list.list()) {
            ScrapeConfig config = ScrapeConfigReader.read(item, global, paths);
            Integer firstLine = jobLines.putIfAbsent(config.jobName(), item.where().line());
            if (firstLine != null) {
                throw item.error("found multiple scrape configs with job name \"" + config.jobName()
                        + "\" (first at line " + firstLine + ")");
            }
            configs.add(config);
        }
        return List.copyOf(configs);
    }
}
