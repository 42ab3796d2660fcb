package io.promrelay.discovery.kubernetes;

import io.promrelay.discovery.TargetGroup;
import java.util.Set;

/**
 * A target group built from one object, and the sources of the other objects (pods, services,
 * nodes) it was built from, so a change to any of those rebuilds it.
 */
record Built(TargetGroup group, Set<String> dependencies) {
    Built {
        dependencies = Set.copyOf(dependencies);
    }
}
