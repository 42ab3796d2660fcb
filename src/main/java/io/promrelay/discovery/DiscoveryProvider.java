package io.promrelay.discovery;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One source of targets (a static list, a set of files, an API). It reports every group it knows
 * whenever any of them changes; a group it no longer reports is gone.
 */
public interface DiscoveryProvider {
    void start(Consumer<List<TargetGroup>> onGroups);

    void stop();

    /** For mechanisms that talk to a server and can fail; static and file discovery have none. */
    default Optional<DiscoveryHealth> health() {
        return Optional.empty();
    }
}
