package io.promrelay.relabel;

import io.promrelay.model.ExpansionTemplate;
import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;
import io.promrelay.model.MetricNames;
import com.google.re2j.Matcher;

/**
 * {@code action: replace}: when the regex matches the joined source values, writes the expanded
 * replacement to the expanded target label; an empty result deletes the target, and a target
 * that expands to an invalid label name leaves the labels untouched.
 */
record ReplaceStep(SourceValues source, GoRegex regex, ExpansionTemplate target, ExpansionTemplate replacement)
        implements RelabelStep {

    @Override
    public boolean apply(Labels.Builder labels) {
        Matcher m = regex.match(source.join(labels));
        if (m == null) {
            return true;
        }
        String targetName = target.expand(m);
        if (!MetricNames.isValidLabelName(targetName)) {
            return true;
        }
        BuilderLabels.set(labels, targetName, replacement.expand(m));
        return true;
    }
}
