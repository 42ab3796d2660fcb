package io.promrelay.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one {@code scrape_configs} entry, applying the globals the way Prometheus's Config.UnmarshalYAML does. */
final class ScrapeConfigReader {
    // The last path element may hold a glob; the name must end in a file SD extension.
    private static final Pattern FILE_SD_NAME = Pattern.compile("[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)");
    private static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

    private ScrapeConfigReader() {
    }

    static ScrapeConfig read(YamlValue value, GlobalConfig global, RelativePaths paths) throws ConfigException {
        if (value.isNull()) {
            throw value.error("empty or null scrape config section");
        }
        YamlMapping m = value.mapping(Section.SCRAPE);
        String jobName = m.string("job_name", "");
        if (jobName.isEmpty()) {
            throw m.whereOf("job_name").error("job_name is empty");
        }
        Duration interval = GlobalConfigReader.orDefault(m.duration("scrape_interval"), global.scrapeInterval());
        Duration timeout = m.duration("scrape_timeout");
        if (timeout != null && timeout.compareTo(interval) > 0) {
            throw m.whereOf("scrape_timeout").error(
                    "scrape timeout greater than scrape interval for scrape config with job name \"" + jobName + "\"");
        }
        if (timeout == null || timeout.isZero()) {
            timeout = global.scrapeTimeout().compareTo(interval) > 0 ? interval : global.scrapeTimeout();
        }
        String scheme = m.string("scheme", "http");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw m.whereOf("scheme").error("scheme must be \"http\" or \"https\", got \"" + scheme + "\"");
        }
        List<RelabelConfig> relabelConfigs = relabelConfigs(m, "relabel_configs", "target");
        List<StaticConfig> staticConfigs = new ArrayList<>();
        YamlValue statics = m.get("static_configs");
        if (statics != null) {
            for (YamlValue group : statics.list()) {
                staticConfigs.add(TargetGroupReader.read(group, relabelConfigs.isEmpty()));
            }
        }
        long bodySizeLimit = 0;
        YamlValue bodySize = m.get("body_size_limit");
        if (bodySize != null) {
            bodySizeLimit = bodySize.byteSize();
            if (bodySizeLimit < 0) {
                throw bodySize.error("body_size_limit must not be negative");
            }
        }
        return new ScrapeConfig(jobName, interval, timeout, m.string("metrics_path", "/metrics"), scheme, params(m),
                m.bool("honor_labels", false), m.bool("honor_timestamps", true), List.copyOf(staticConfigs),
                fileSdConfigs(m, paths), discoveryConfigs(m, paths), relabelConfigs,
                relabelConfigs(m, "metric_relabel_configs", "metric"),
                m.nonNegativeLong("sample_limit"), m.nonNegativeLong("label_limit"),
                m.nonNegativeLong("label_name_length_limit"), m.nonNegativeLong("label_value_length_limit"),
                bodySizeLimit, HttpClientConfigReader.read(m, paths));
    }

    private static Map<String, List<String>> params(YamlMapping m) throws ConfigException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        YamlValue value = m.get("params");
        if (value != null) {
            for (Map.Entry<String, YamlValue> e : value.entries().entrySet()) {
                params.put(e.getKey(), e.getValue().isNull() ? List.of() : List.copyOf(e.getValue().strings()));
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static List<RelabelConfig> relabelConfigs(YamlMapping m, String key, String kind) throws ConfigException {
        return RelabelConfigReader.readList(m.get(key), "empty or null " + kind + " relabeling rule in scrape config");
    }

    private static List<DiscoveryConfig> discoveryConfigs(YamlMapping m, RelativePaths paths) throws ConfigException {
        List<DiscoveryConfig> configs = new ArrayList<>();
        configs.addAll(DnsSdConfigReader.read(m));
        configs.addAll(EtcdSdConfigReader.read(m, paths));
        return List.copyOf(configs);
    }

    private static List<FileSdConfig> fileSdConfigs(YamlMapping m, RelativePaths paths) throws ConfigException {
        List<FileSdConfig> configs = new ArrayList<>();
        YamlValue list = m.get("file_sd_configs");
        if (list == null) {
            return List.of();
        }
        for (YamlValue item : list.list()) {
            YamlMapping sd = item.mapping(Section.FILE_SD);
            YamlValue files = sd.get("files");
            List<YamlValue> names = files == null ? List.of() : files.list();
            if (names.isEmpty()) {
                throw sd.whereOf("files").error("file service discovery config must contain at least one path name");
            }
            List<String> patterns = new ArrayList<>();
            for (YamlValue name : names) {
                if (!FILE_SD_NAME.matcher(name.string()).matches()) {
                    throw name.error("path name \"" + name.string() + "\" is not valid for file discovery"
                            + " (a glob is allowed in the last element only; it must end in .json, .yml or .yaml)");
                }
                patterns.add(paths.resolveText(name));
            }
            Duration refresh = GlobalConfigReader.orDefault(sd.duration("refresh_interval"), DEFAULT_REFRESH);
            configs.add(new FileSdConfig(List.copyOf(patterns), refresh));
        }
        return List.copyOf(configs);
    }
}
