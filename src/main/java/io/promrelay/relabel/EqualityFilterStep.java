package io.promrelay.relabel;

import io.promrelay.model.Labels;

/**
 * {@code keepequal} and {@code dropequal}: compares the joined source values with the target
 * label's value (a missing target reads as "").
 */
record EqualityFilterStep(SourceValues source, String targetLabel, boolean keepWhenEqual) implements RelabelStep {
    @Override
    public boolean apply(Labels.Builder labels) {
        return source.join(labels).equals(BuilderLabels.get(labels, targetLabel)) == keepWhenEqual;
    }
}
