package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a PromQL series selector such as {@code up}, {@code http_requests_total{job="api",code=~"5.."}}
 * or {@code {__name__=~"node_.*"}}, the form that /federate's match[] and the series APIs take.
 */
public final class SeriesSelectorParser {
    private final String input;
    private int pos;

    private SeriesSelectorParser(String input) {
        this.input = input;
    }

    /** @throws IllegalArgumentException with a message naming the position and the problem */
    public static List<Matcher> parse(String selector) {
        SeriesSelectorParser p = new SeriesSelectorParser(selector);
        List<Matcher> matchers = p.selector();
        p.skipSpace();
        if (p.pos != selector.length()) {
            throw p.error("unexpected character '" + selector.charAt(p.pos) + "'");
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw new IllegalArgumentException("parse error: vector selector must contain at least one non-empty matcher");
        }
        return matchers;
    }

    private List<Matcher> selector() {
        List<Matcher> matchers = new ArrayList<>();
        skipSpace();
        String name = null;
        if (pos < input.length() && isNameStart(input.charAt(pos), true)) {
            name = identifier(true);
            matchers.add(Matcher.equal(Labels.METRIC_NAME, name));
            skipSpace();
        }
        if (pos < input.length() && input.charAt(pos) == '{') {
            pos++;
            matchers.addAll(matcherList(name != null));
        } else if (name == null) {
            throw error("expected a metric name or '{'");
        }
        return matchers;
    }

    private List<Matcher> matcherList(boolean hasName) {
        List<Matcher> matchers = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos < input.length() && input.charAt(pos) == '}') {
                pos++;
                return matchers;
            }
            String label = identifier(false);
            if (hasName && label.equals(Labels.METRIC_NAME)) {
                throw error("metric name must not be set twice");
            }
            skipSpace();
            Matcher.Type type = operator();
            skipSpace();
            String value = string();
            try {
                matchers.add(Matcher.of(type, label, value));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            skipSpace();
            if (pos < input.length() && input.charAt(pos) == ',') {
                pos++;
            } else if (pos >= input.length() || input.charAt(pos) != '}') {
                throw error("expected ',' or '}' in label matching");
            }
        }
    }

    private Matcher.Type operator() {
        if (input.startsWith("=~", pos)) {
            pos += 2;
            return Matcher.Type.REGEX;
        }
        if (input.startsWith("!~", pos)) {
            pos += 2;
            return Matcher.Type.NOT_REGEX;
        }
        if (input.startsWith("!=", pos)) {
            pos += 2;
            return Matcher.Type.NOT_EQUAL;
        }
        if (input.startsWith("=", pos)) {
            pos++;
            return Matcher.Type.EQUAL;
        }
        throw error("expected a label matching operator (=, !=, =~, !~)");
    }

    private String identifier(boolean metricName) {
        int start = pos;
        if (pos >= input.length() || !isNameStart(input.charAt(pos), metricName)) {
            throw error(metricName ? "expected a metric name" : "expected a label name");
        }
        pos++;
        while (pos < input.length() && isNamePart(input.charAt(pos), metricName)) {
            pos++;
        }
        return input.substring(start, pos);
    }

    /** A PromQL string literal: double, single or back quotes; Go escapes in the first two. */
    private String string() {
        if (pos >= input.length()) {
            throw error("expected a quoted string");
        }
        char quote = input.charAt(pos);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw error("expected a quoted string");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && quote != '`') {
                escape(sb, quote);
            } else if (c == '\n' && quote != '`') {
                throw error("unterminated quoted string");
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated quoted string");
    }

    private void escape(StringBuilder sb, char quote) {
        if (pos >= input.length()) {
            throw error("unterminated escape sequence");
        }
        char c = input.charAt(pos++);
        switch (c) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\' -> sb.append('\\');
            case 'x' -> sb.append((char) hex(2));
            case 'u' -> sb.appendCodePoint(hex(4));
            case 'U' -> sb.appendCodePoint(hex(8));
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                pos--;
                sb.append((char) radix(3, 8));
            }
            default -> {
                if (c != quote) {
                    throw error("unknown escape sequence '\\" + c + "'");
                }
                sb.append(c);
            }
        }
    }

    private int hex(int digits) {
        return radix(digits, 16);
    }

    private int radix(int digits, int radix) {
        if (pos + digits > input.length()) {
            throw error("unterminated escape sequence");
        }
        try {
            int v = Integer.parseInt(input.substring(pos, pos + digits), radix);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error("invalid escape sequence");
        }
    }

    private void skipSpace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isNameStart(char c, boolean metricName) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metricName && c == ':');
    }

    private static boolean isNamePart(char c, boolean metricName) {
        return isNameStart(c, metricName) || (c >= '0' && c <= '9');
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("parse error at char " + (pos + 1) + ": " + message);
    }
}
