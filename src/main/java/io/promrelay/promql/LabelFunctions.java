package io.promrelay.promql;

import io.promrelay.model.ExpansionTemplate;
import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;
import io.promrelay.model.MetricNames;
import java.util.List;
import java.util.function.UnaryOperator;
import com.google.re2j.Matcher;

/** label_replace and label_join: new labels computed from each series' labels. */
final class LabelFunctions {
    private LabelFunctions() {
    }

    /** A label_replace as a labels-to-labels mapping; checks its arguments once, up front. */
    static UnaryOperator<Labels> replace(String dst, String replacement, String src, String regex) {
        GoRegex p;
        try {
            p = GoRegex.compileAnchored(regex);
        } catch (IllegalArgumentException e) {
            throw QueryException.execution("invalid regular expression in label_replace(): " + regex);
        }
        ExpansionTemplate template = ExpansionTemplate.parse(replacement, p.groupNames());
        if (!MetricNames.isValidLabelName(dst)) {
            throw QueryException.execution("invalid destination label name in label_replace(): " + dst);
        }
        return labels -> {
            String value = labels.get(src);
            Matcher m = p.match(value == null ? "" : value);
            if (m == null) {
                return labels;
            }
            String result = template.expand(m);
            return labels.toBuilder().delete(dst).set(dst, result).build();
        };
    }

    static UnaryOperator<Labels> join(String dst, String separator, List<String> sources) {
        for (String src : sources) {
            if (!MetricNames.isValidLabelName(src)) {
                throw QueryException.execution("invalid source label name in label_join(): " + src);
            }
        }
        if (!MetricNames.isValidLabelName(dst)) {
            throw QueryException.execution("invalid destination label name in label_join(): " + dst);
        }
        return labels -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    sb.append(separator);
                }
                String v = labels.get(sources.get(i));
                sb.append(v == null ? "" : v);
            }
            return labels.toBuilder().set(dst, sb.toString()).build();
        };
    }
}
