package io.promrelay.promql;

import io.promrelay.model.Labels;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** label_replace and label_join: new labels computed from each series' labels. */
final class LabelFunctions {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private LabelFunctions() {
    }

    static boolean isValidLabelName(String name) {
        return LABEL_NAME.matcher(name).matches();
    }

    /** A label_replace as a labels-to-labels mapping; checks its arguments once, up front. */
    static java.util.function.UnaryOperator<Labels> replace(String dst, String replacement, String src, String regex) {
        Pattern p;
        try {
            // Go's RE2 spells named groups (?P<name>); only \n ends a line for its '.'.
            p = Pattern.compile("^(?:" + regex.replace("(?P<", "(?<") + ")$", Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw QueryException.execution("invalid regular expression in label_replace(): " + regex);
        }
        if (!isValidLabelName(dst)) {
            throw QueryException.execution("invalid destination label name in label_replace(): " + dst);
        }
        return labels -> {
            String value = labels.get(src);
            Matcher m = p.matcher(value == null ? "" : value);
            if (!m.find()) {
                return labels;
            }
            String result = expand(replacement, m);
            return labels.toBuilder().delete(dst).set(dst, result).build();
        };
    }

    static java.util.function.UnaryOperator<Labels> join(String dst, String separator, List<String> sources) {
        for (String src : sources) {
            if (!isValidLabelName(src)) {
                throw QueryException.execution("invalid source label name in label_join(): " + src);
            }
        }
        if (!isValidLabelName(dst)) {
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

    /**
     * Go's Regexp.Expand: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}; the longest run of
     * letters, digits and '_' names the group; unknown groups expand to nothing; {@code $$} is '$'.
     */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            boolean braced = template.charAt(i + 1) == '{';
            int start = i + (braced ? 2 : 1);
            int end = start;
            while (end < template.length() && isNameChar(template.charAt(end))) {
                end++;
            }
            boolean closed = !braced || (end < template.length() && template.charAt(end) == '}');
            if (end == start || !closed) {
                out.append('$');
                i++;
                continue;
            }
            out.append(group(m, template.substring(start, end)));
            i = braced ? end + 1 : end;
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String value = null;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(name);
                value = n <= m.groupCount() ? m.group(n) : null;
            } catch (NumberFormatException tooLarge) {
                value = null;
            }
        } else {
            try {
                value = m.group(name);
            } catch (IllegalArgumentException noSuchGroup) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
