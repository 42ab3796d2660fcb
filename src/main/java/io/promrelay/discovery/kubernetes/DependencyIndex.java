package io.promrelay.discovery.kubernetes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which groups were built from which other objects, so a change to a pod or service rebuilds its groups. */
final class DependencyIndex {
    private final Map<String, Set<String>> dependentsByObject = new HashMap<>();
    private final Map<String, Set<String>> objectsBySource = new HashMap<>();

    void update(String source, Set<String> objects) {
        remove(source);
        if (objects.isEmpty()) {
            return;
        }
        objectsBySource.put(source, objects);
        for (String object : objects) {
            dependentsByObject.computeIfAbsent(object, k -> new HashSet<>()).add(source);
        }
    }

    void remove(String source) {
        Set<String> old = objectsBySource.remove(source);
        if (old == null) {
            return;
        }
        for (String object : old) {
            Set<String> dependents = dependentsByObject.get(object);
            dependents.remove(source);
            if (dependents.isEmpty()) {
                dependentsByObject.remove(object);
            }
        }
    }

    Set<String> dependents(String object) {
        return dependentsByObject.getOrDefault(object, Set.of());
    }
}
