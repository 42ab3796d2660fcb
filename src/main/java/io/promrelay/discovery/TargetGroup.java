package io.promrelay.discovery;

import io.promrelay.model.Labels;
import java.util.List;

/**
 * Targets found by one discovery source, as Prometheus's targetgroup.Group: each target is a label
 * set holding at least {@code __address__}; {@code labels} apply to all of them. {@code source}
 * identifies the group within its provider, so a later update replaces exactly this group.
 */
public record TargetGroup(String source, List<Labels> targets, Labels labels) {
    public TargetGroup {
        targets = List.copyOf(targets);
    }
}
