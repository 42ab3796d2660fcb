package io.promrelay.relabel;

import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;
import java.util.regex.Matcher;

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
        if (!isValidLabelName(targetName)) {
            return true;
        }
        BuilderLabels.set(labels, targetName, replacement.expand(m));
        return true;
    }

    /** Prometheus 2.x label names: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
