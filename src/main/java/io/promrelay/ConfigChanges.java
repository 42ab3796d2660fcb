package io.promrelay;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/** How a reload's named config entries (scrape jobs, remote-write endpoints) differ from the running ones, by name. */
record ConfigChanges(Set<String> added, Set<String> changed, Set<String> removed, Set<String> unchanged) {
    /**
     * @param running   the entries in force, by name
     * @param wanted    the new file's entries, by name, in file order
     * @param unchanged whether a running entry may stay as it is for the wanted one of the same name
     */
    static <C> ConfigChanges between(Map<String, C> running, Map<String, C> wanted, BiPredicate<C, C> unchanged) {
        Set<String> added = new LinkedHashSet<>();
        Set<String> changed = new LinkedHashSet<>();
        Set<String> kept = new LinkedHashSet<>();
        wanted.forEach((name, config) -> {
            C old = running.get(name);
            if (old == null) {
                added.add(name);
            } else if (unchanged.test(old, config)) {
                kept.add(name);
            } else {
                changed.add(name);
            }
        });
        Set<String> removed = new LinkedHashSet<>(running.keySet());
        removed.removeAll(wanted.keySet());
        return new ConfigChanges(Collections.unmodifiableSet(added), Collections.unmodifiableSet(changed),
                Collections.unmodifiableSet(removed), Collections.unmodifiableSet(kept));
    }

    /** For the log, e.g. "added [b], changed [a], removed [], 2 unchanged". */
    String describe() {
        return "added " + added + ", changed " + changed + ", removed " + removed + ", " + unchanged.size()
                + " unchanged";
    }
}
