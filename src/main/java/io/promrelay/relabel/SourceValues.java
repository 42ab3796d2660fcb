package io.promrelay.relabel;

import io.promrelay.model.Labels;
import java.util.List;

/** The {@code source_labels} of a rule: their values joined by the separator, missing ones as "". */
record SourceValues(List<String> names, String separator) {
    SourceValues {
        names = List.copyOf(names);
    }

    String join(Labels.Builder labels) {
        if (names.size() == 1) {
            return BuilderLabels.get(labels, names.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(BuilderLabels.get(labels, names.get(i)));
        }
        return sb.toString();
    }
}
