package io.promrelay.relabel;

import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;

/** {@code keep} and {@code drop}: keeps the set only when the joined source values match (keep) or do not (drop). */
record MatchFilterStep(SourceValues source, GoRegex regex, boolean keepOnMatch) implements RelabelStep {
    @Override
    public boolean apply(Labels.Builder labels) {
        return regex.matches(source.join(labels)) == keepOnMatch;
    }
}
