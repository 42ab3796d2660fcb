package io.promrelay.relabel;

import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;

/** {@code labelkeep} and {@code labeldrop}: removes labels by whether their name matches. */
record LabelNameFilterStep(GoRegex regex, boolean keepOnMatch) implements RelabelStep {
    @Override
    public boolean apply(Labels.Builder labels) {
        // Backwards, because deleting shifts the labels after the deleted one.
        for (int i = labels.size() - 1; i >= 0; i--) {
            String name = labels.name(i);
            if (regex.matches(name) != keepOnMatch) {
                labels.delete(name);
            }
        }
        return true;
    }
}
