package io.promrelay.config;

import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.List;

/** Reads one target group, the {@code {targets, labels}} shape shared by static_configs and file SD files. */
final class TargetGroupReader {
    private TargetGroupReader() {
    }

    /**
     * @param checkAddresses apply Prometheus's check for URLs pasted as targets; it applies only to static configs
     *                       of a job without relabel_configs, because relabeling may turn a URL target into an
     *                       address (the blackbox exporter pattern)
     */
    static StaticConfig read(YamlValue value, boolean checkAddresses) throws ConfigException {
        YamlMapping group = value.mapping(Section.TARGET_GROUP);
        List<String> targets = new ArrayList<>();
        YamlValue targetList = group.get("targets");
        if (targetList != null) {
            for (YamlValue item : targetList.list()) {
                String target = item.string();
                if (checkAddresses) {
                    checkAddress(target, item);
                }
                targets.add(target);
            }
        }
        YamlValue labels = group.get("labels");
        return new StaticConfig(List.copyOf(targets), labels == null ? Labels.EMPTY : labels.labels());
    }

    private static void checkAddress(String target, YamlValue item) throws ConfigException {
        if (target.contains("://")) {
            throw item.error("\"" + target + "\" is not a valid hostname: a target must not contain a scheme"
                    + " (use the job's scheme)");
        }
        if (target.contains("/")) {
            throw item.error("\"" + target + "\" is not a valid hostname: a target must not contain a path"
                    + " (use the job's metrics_path)");
        }
    }
}
