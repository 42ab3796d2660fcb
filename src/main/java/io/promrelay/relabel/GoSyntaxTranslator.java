package io.promrelay.relabel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites a regex written in Go's RE2 syntax (what Prometheus configs contain) into
 * {@link java.util.regex.Pattern} syntax with the same meaning, and rejects the Java-only
 * constructs RE2 refuses (backreferences, lookaround, possessive and atomic groups), so a
 * config Prometheus would reject is rejected here too.
 *
 * <p>Where the two dialects read the same text differently, the Go reading wins:
 * {@code (?P<name>...)} and names with underscores, octal escapes such as {@code \101},
 * {@code \s} without vertical tab, {@code \v} as the vertical tab character, POSIX classes
 * such as {@code [[:alpha:]]}, a {@code [} or {@code &&} inside a class as literals, a
 * {@code {} that does not start a repeat as a literal, and {@code \p{Greek}} script names.
 * Named groups become plain groups; their names are returned separately because Java
 * cannot hold every name Go accepts.
 */
final class GoSyntaxTranslator {
    /** Go's parser refuses larger counts in {@code {n,m}}. */
    private static final int MAX_REPEAT = 1000;
    private static final String GO_SPACE = "\\t\\n\\f\\r\\x20";

    record Translation(String javaRegex, List<String> groupNames) {
    }

    private final String src;
    private final StringBuilder out;
    private final List<String> groupNames = new ArrayList<>();
    private int pos;

    private GoSyntaxTranslator(String src) {
        this.src = src;
        this.out = new StringBuilder(src.length() + 16);
    }

    /**
     * @return the Java form and, for each capturing group in order, its name or ""
     * @throws IllegalArgumentException describing the first construct RE2 does not accept
     */
    static Translation translate(String goRegex) {
        GoSyntaxTranslator t = new GoSyntaxTranslator(goRegex);
        t.run();
        return new Translation(t.out.toString(), List.copyOf(t.groupNames));
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> characterClass();
                case '(' -> group();
                case '{' -> braceOrLiteral();
                case '}' -> {
                    out.append("\\}");
                    pos++;
                }
                case '*', '+', '?' -> {
                    out.append(c);
                    pos++;
                    afterQuantifier();
                }
                default -> {
                    out.append(c);
                    pos++;
                }
            }
        }
    }

    private void afterQuantifier() {
        if (peek() == '?') {
            out.append('?');
            pos++;
        }
        if (peek() == '+') {
            throw new IllegalArgumentException("invalid nested repetition operator (possessive quantifiers are not RE2)");
        }
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    private void group() {
        pos++;
        if (peek() != '?') {
            groupNames.add("");
            out.append('(');
            return;
        }
        if (startsWith("?P<")) {
            namedGroup(3);
        } else if (startsWith("?<=") || startsWith("?<!")) {
            throw new IllegalArgumentException("lookbehind (?<= / ?<!) is not supported by RE2");
        } else if (startsWith("?<")) {
            namedGroup(2);
        } else if (startsWith("?=") || startsWith("?!")) {
            throw new IllegalArgumentException("lookahead (?= / ?!) is not supported by RE2");
        } else if (startsWith("?>")) {
            throw new IllegalArgumentException("atomic groups (?>) are not supported by RE2");
        } else {
            flags();
        }
    }

    private void namedGroup(int prefixLength) {
        int start = pos + prefixLength;
        int end = src.indexOf('>', start);
        if (end < 0) {
            throw new IllegalArgumentException("invalid named capture: missing '>'");
        }
        String name = src.substring(start, end);
        if (name.isEmpty() || !name.chars().allMatch(GoSyntaxTranslator::isWordChar)) {
            throw new IllegalArgumentException("invalid named capture: \"" + name + "\"");
        }
        groupNames.add(name);
        out.append('(');
        pos = end + 1;
    }

    /** RE2 knows only i, m, s and U; Java's U means something else entirely, so refuse it. */
    private void flags() {
        out.append("(?");
        pos++;
        while (pos < src.length()) {
            char f = src.charAt(pos);
            if (f == ')' || f == ':') {
                return;
            }
            if (f == 'U') {
                throw new IllegalArgumentException("the ungreedy flag (?U) is not supported");
            }
            if (f != 'i' && f != 'm' && f != 's' && f != '-') {
                throw new IllegalArgumentException("invalid or unsupported Perl syntax: (?" + f);
            }
            out.append(f);
            pos++;
        }
        throw new IllegalArgumentException("missing closing )");
    }

    /** {n}, {n,} and {n,m} repeat; any other brace is a literal in RE2 but an error in Java. */
    private void braceOrLiteral() {
        int close = src.indexOf('}', pos);
        String body = close < 0 ? null : src.substring(pos + 1, close);
        if (body == null || !body.matches("\\d+(,\\d*)?")) {
            out.append("\\{");
            pos++;
            return;
        }
        String[] bounds = body.split(",", -1);
        int min = parseRepeatCount(bounds[0]);
        int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : parseRepeatCount(bounds[1]);
        if (max >= 0 && max < min) {
            throw new IllegalArgumentException("invalid repeat count {" + body + "}");
        }
        out.append('{').append(body).append('}');
        pos = close + 1;
        afterQuantifier();
    }

    private static int parseRepeatCount(String digits) {
        if (digits.length() > 4 || Integer.parseInt(digits) > MAX_REPEAT) {
            throw new IllegalArgumentException("invalid repeat count: more than " + MAX_REPEAT);
        }
        return Integer.parseInt(digits);
    }

    private void characterClass() {
        out.append('[');
        pos++;
        if (peek() == '^') {
            out.append('^');
            pos++;
        }
        if (peek() == ']') {
            out.append("\\]");
            pos++;
        }
        while (pos < src.length() && src.charAt(pos) != ']') {
            char c = src.charAt(pos);
            if (c == '[' && startsWith("[:")) {
                posixClass();
            } else if (c == '\\') {
                escape(true);
            } else if (c == '[' || c == '&') {
                out.append('\\').append(c);
                pos++;
            } else {
                out.append(c);
                pos++;
            }
        }
        if (pos >= src.length()) {
            throw new IllegalArgumentException("missing closing ]");
        }
        out.append(']');
        pos++;
    }

    private void posixClass() {
        int end = src.indexOf(":]", pos + 2);
        if (end < 0) {
            out.append("\\[");
            pos++;
            return;
        }
        String name = src.substring(pos + 2, end);
        boolean negated = name.startsWith("^");
        String bare = negated ? name.substring(1) : name;
        String javaName = switch (bare) {
            case "alnum" -> "Alnum";
            case "alpha" -> "Alpha";
            case "ascii" -> "ASCII";
            case "blank" -> "Blank";
            case "cntrl" -> "Cntrl";
            case "digit" -> "Digit";
            case "graph" -> "Graph";
            case "lower" -> "Lower";
            case "print" -> "Print";
            case "punct" -> "Punct";
            case "space" -> "Space";
            case "upper" -> "Upper";
            case "word" -> null;
            case "xdigit" -> "XDigit";
            default -> throw new IllegalArgumentException("invalid character class range: [:" + name + ":]");
        };
        if (javaName == null) {
            out.append(negated ? "\\W" : "\\w");
        } else {
            out.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
        }
        pos = end + 2;
    }

    private void escape(boolean inClass) {
        if (pos + 1 >= src.length()) {
            throw new IllegalArgumentException("trailing backslash at end of expression");
        }
        char c = src.charAt(pos + 1);
        if (c == '0' || (c >= '1' && c <= '7' && isOctal(pos + 2))) {
            octal();
            return;
        }
        pos += 2;
        switch (c) {
            case 'Q' -> quoted(inClass);
            case 'x' -> hex();
            case 'v' -> out.append("\\x0B");
            case 's' -> out.append(inClass ? GO_SPACE : "[" + GO_SPACE + "]");
            case 'S' -> out.append("[^" + GO_SPACE + "]");
            case 'p', 'P' -> unicodeClass(c);
            case 'a', 'f', 'n', 'r', 't', 'd', 'D', 'w', 'W', 'A', 'z', 'b', 'B' -> out.append('\\').append(c);
            default -> {
                if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                    out.append('\\').append(c);
                } else if (c >= '1' && c <= '9') {
                    throw new IllegalArgumentException("invalid escape sequence \\" + c + " (RE2 has no backreferences)");
                } else {
                    throw new IllegalArgumentException("invalid escape sequence \\" + c);
                }
            }
        }
    }

    /** Copied whole so the braces of {@code \x{10FFFF}} are not mistaken for a repeat. */
    private void hex() {
        int end = peek() == '{' ? src.indexOf('}', pos) + 1 : Math.min(pos + 2, src.length());
        if (end <= pos) {
            throw new IllegalArgumentException("invalid escape sequence: unterminated \\x{");
        }
        out.append("\\x").append(src, pos, end);
        pos = end;
    }

    private boolean isOctal(int i) {
        return i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '7';
    }

    /** RE2 reads up to three octal digits after the backslash; Java would read a backreference. */
    private void octal() {
        pos++;
        int value = 0;
        for (int digits = 0; digits < 3 && isOctal(pos); digits++) {
            value = value * 8 + (src.charAt(pos) - '0');
            pos++;
        }
        out.append("\\x{").append(Integer.toHexString(value)).append('}');
    }

    private void quoted(boolean inClass) {
        if (inClass) {
            throw new IllegalArgumentException("\\Q inside a character class is not supported");
        }
        int end = src.indexOf("\\E", pos);
        String literal = end < 0 ? src.substring(pos) : src.substring(pos, end);
        out.append(Pattern.quote(literal));
        pos = end < 0 ? src.length() : end + 2;
    }

    /** Go accepts bare script names ({@code \p{Greek}}) that Java only knows with an "Is" prefix. */
    private void unicodeClass(char p) {
        if (pos >= src.length()) {
            throw new IllegalArgumentException("invalid character class range: \\" + p);
        }
        String name;
        if (src.charAt(pos) == '{') {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw new IllegalArgumentException("invalid character class range: missing }");
            }
            name = src.substring(pos + 1, end);
            pos = end + 1;
        } else {
            name = String.valueOf(src.charAt(pos));
            pos++;
        }
        boolean negated = name.startsWith("^");
        if (negated) {
            name = name.substring(1);
        }
        boolean isGeneralCategory = name.length() <= 2;
        char letter = negated == (p == 'P') ? 'p' : 'P';
        out.append('\\').append(letter).append('{').append(isGeneralCategory ? name : "Is" + name).append('}');
    }

    private static boolean isWordChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
