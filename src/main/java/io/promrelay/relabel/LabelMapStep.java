package io.promrelay.relabel;

import io.promrelay.model.ExpansionTemplate;
import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import com.google.re2j.Matcher;

/**
 * {@code labelmap}: copies the value of every label whose name matches to the label named by the
 * expanded replacement. Like Prometheus, it looks at the labels as they were when the rule
 * started, in name order, so when two labels map to one name the later name wins, and labels
 * the rule itself creates are not mapped again.
 */
record LabelMapStep(GoRegex regex, ExpansionTemplate replacement) implements RelabelStep {
    private record Copy(String from, String to, String value) {
    }

    @Override
    public boolean apply(Labels.Builder labels) {
        List<Copy> copies = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String value = labels.value(i);
            if (value == null || value.isEmpty()) {
                continue;
            }
            Matcher m = regex.match(labels.name(i));
            if (m != null) {
                copies.add(new Copy(labels.name(i), replacement.expand(m), value));
            }
        }
        copies.sort(Comparator.comparing(Copy::from));
        for (Copy c : copies) {
            labels.set(c.to(), c.value());
        }
        return true;
    }
}
