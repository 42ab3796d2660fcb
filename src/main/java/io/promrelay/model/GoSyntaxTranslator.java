package io.promrelay.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites a regex written in Go's RE2 syntax (what Prometheus configs and PromQL contain) into
 * {@link java.util.regex.Pattern} syntax with the same meaning, and rejects what Go's parser
 * rejects (backreferences, lookaround, possessive and atomic groups, stacked repetitions), so text
 * Prometheus would refuse is refused here too, with Go's error message.
 *
 * <p>Prometheus compiles {@code ^(?:regex)$}, so the translation reads the regex as if it were
 * wrapped like that: {@code a)|(b} is accepted, while a trailing backslash or an unterminated
 * {@code \Q} swallows the closing parenthesis and fails as Go fails.
 *
 * <p>Where the two dialects read the same text differently, the Go reading wins:
 * {@code (?P<name>...)} and names with underscores, octal escapes such as {@code \101},
 * {@code \s} without vertical tab, {@code \v} as the vertical tab character, POSIX classes
 * such as {@code [[:alpha:]]}, a {@code [} or {@code &&} inside a class as literals, a
 * {@code {} that does not start a repeat as a literal, {@code \p{Greek}} script names and the
 * ungreedy flag {@code (?U)}. Named groups become plain groups; their names are returned
 * separately because Java cannot hold every name Go accepts.
 */
final class GoSyntaxTranslator {
    /** Go's parser refuses larger counts in {@code {n,m}}. */
    private static final int MAX_REPEAT = 1000;
    /** Go reads a number with a leading zero, as in {@code a{01}}, as no number: the brace is then a literal. */
    private static final Pattern REPEAT_BOUNDS = Pattern.compile("(?:0|[1-9][0-9]*)(?:,(?:0|[1-9][0-9]*)?)?");
    private static final String GO_SPACE = "\\t\\n\\f\\r\\x20";
    /** The general categories Go's {@code \p{..}} knows; Java knows a few more (LC, Cn) that Go refuses. */
    private static final Set<String> GO_CATEGORIES = Set.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt",
        "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc",
        "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");
    private static final String WRAPPER_PREFIX = "^(?:";
    private static final String WRAPPER_SUFFIX = ")$";

    record Translation(String javaRegex, List<String> groupNames) {
    }

    private final String src;
    private final StringBuilder out;
    private final List<String> groupNames = new ArrayList<>();
    /** Whether (?U) is on, saved per open group because a flag set inside a group ends with it. */
    private final Deque<Boolean> ungreedyOutside = new ArrayDeque<>();
    private boolean ungreedy;
    private int pos;
    /** A repetition here would have nothing to repeat: at the start, after '(' or '|'. */
    private boolean expectOperand = true;
    /** Where the repetition operator just read began, or -1; Go refuses a repetition of one. */
    private int lastRepeatStart = -1;
    /** The regex closed the wrapper's group itself, as {@code a)|(b} does; the wrapper's ')' then closes the last group opened. */
    private boolean wrapperClosed;

    private GoSyntaxTranslator(String src) {
        this.src = src;
        this.out = new StringBuilder(src.length() + 16);
    }

    /**
     * @return the Java form and, for each capturing group in order, its name or ""
     * @throws IllegalArgumentException with Go's message for the first construct Go does not accept
     */
    static Translation translate(String goRegex) {
        GoSyntaxTranslator t = new GoSyntaxTranslator(goRegex);
        t.run();
        return new Translation(t.out.toString(), List.copyOf(t.groupNames));
    }

    /** Go's wording: {@code error parsing regexp: <problem>: `<offending text>`}. */
    static IllegalArgumentException error(String problem, String expr) {
        return new IllegalArgumentException("error parsing regexp: " + problem + ": `" + expr + "`");
    }

    /** Go reports an unbalanced parenthesis against the whole anchored expression. */
    private IllegalArgumentException parenthesisError(String problem) {
        return error(problem, WRAPPER_PREFIX + src + WRAPPER_SUFFIX);
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            switch (c) {
                case '*', '+', '?' -> repetition(pos, pos + 1);
                case '{' -> braceOrLiteral();
                case '(' -> group();
                case ')' -> closeGroup();
                case '|' -> {
                    out.append('|');
                    pos++;
                    expectOperand = true;
                    lastRepeatStart = -1;
                }
                case '\\' -> {
                    escape(false);
                    afterOperand();
                }
                case '[' -> {
                    characterClass();
                    afterOperand();
                }
                case '}' -> literal("\\}");
                default -> literal(String.valueOf(c));
            }
        }
        int openAtEnd = ungreedyOutside.size() + (wrapperClosed ? 0 : 1);
        if (openAtEnd == 0) {
            throw parenthesisError("unexpected )");
        }
        if (openAtEnd > 1) {
            throw parenthesisError("missing closing )");
        }
    }

    private void literal(String javaText) {
        out.append(javaText);
        pos++;
        afterOperand();
    }

    /** After something a repetition may apply to. */
    private void afterOperand() {
        expectOperand = false;
        lastRepeatStart = -1;
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    /**
     * A repetition operator spanning {@code [start, end)}, written with its trailing lazy '?'
     * flipped when (?U) is on, as in Go where U swaps the meaning of {@code x*} and {@code x*?}.
     */
    private void repetition(int start, int end) {
        boolean lazy = end < src.length() && src.charAt(end) == '?';
        int after = lazy ? end + 1 : end;
        if (lastRepeatStart >= 0) {
            throw error("invalid nested repetition operator", src.substring(lastRepeatStart, after));
        }
        if (expectOperand) {
            throw error("missing argument to repetition operator", src.substring(start, after));
        }
        out.append(src, start, end);
        if (lazy != ungreedy) {
            out.append('?');
        }
        pos = after;
        lastRepeatStart = start;
    }

    private void group() {
        int start = pos;
        pos++;
        if (peek() != '?') {
            openGroup("");
        } else if (startsWith("?P<")) {
            namedGroup(start, 3);
        } else if (startsWith("?<=") || startsWith("?<!")) {
            throw error("invalid or unsupported Perl syntax", "(?<");
        } else if (startsWith("?<")) {
            namedGroup(start, 2);
        } else {
            flags(start);
        }
    }

    private void openGroup(String name) {
        groupNames.add(name);
        out.append('(');
        enterGroup();
    }

    private void enterGroup() {
        ungreedyOutside.push(ungreedy);
        expectOperand = true;
        lastRepeatStart = -1;
    }

    /** A ')' past the regex's own groups closes the anchoring wrapper early, as it does in Go. */
    private void closeGroup() {
        if (ungreedyOutside.isEmpty()) {
            if (wrapperClosed) {
                throw parenthesisError("unexpected )");
            }
            wrapperClosed = true;
            ungreedy = false;
        } else {
            ungreedy = ungreedyOutside.pop();
        }
        literal(")");
    }

    private void namedGroup(int start, int prefixLength) {
        int nameStart = start + 1 + prefixLength;
        int end = src.indexOf('>', nameStart);
        if (end < 0) {
            throw error("invalid named capture", src.substring(start) + WRAPPER_SUFFIX);
        }
        String name = src.substring(nameStart, end);
        if (name.isEmpty() || !name.chars().allMatch(GoSyntaxTranslator::isWordChar)) {
            throw error("invalid named capture", src.substring(start, end + 1));
        }
        pos = end + 1;
        openGroup(name);
    }

    /**
     * {@code (?flags)} or {@code (?flags:...)} with Go's flags i, m, s and U. Java's U means
     * something else entirely, so U is kept out of the Java text and applied to repetitions.
     */
    private void flags(int start) {
        pos++;
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        boolean negated = false;
        boolean flagAfterMinus = false;
        boolean ungreedyInside = ungreedy;
        while (pos < src.length()) {
            char f = src.charAt(pos++);
            if ((f == ')' || f == ':') && (!negated || flagAfterMinus)) {
                String javaFlags = on + (off.isEmpty() ? "" : "-" + off);
                if (f == ':') {
                    out.append("(?").append(javaFlags).append(':');
                    enterGroup();
                } else if (!javaFlags.isEmpty()) {
                    out.append("(?").append(javaFlags).append(')');
                }
                ungreedy = ungreedyInside;
                return;
            }
            if (f == '-' && !negated) {
                negated = true;
            } else if (f == 'U' || f == 'i' || f == 'm' || f == 's') {
                flagAfterMinus = negated;
                if (f == 'U') {
                    ungreedyInside = !negated;
                } else {
                    (negated ? off : on).append(f);
                }
            } else {
                throw error("invalid or unsupported Perl syntax", src.substring(start, pos));
            }
        }
        throw parenthesisError("missing closing )");
    }

    /** {n}, {n,} and {n,m} repeat; any other brace is a literal in RE2 but an error in Java. */
    private void braceOrLiteral() {
        int close = src.indexOf('}', pos);
        String body = close < 0 ? null : src.substring(pos + 1, close);
        if (body == null || !REPEAT_BOUNDS.matcher(body).matches()) {
            literal("\\{");
            return;
        }
        String[] bounds = body.split(",", -1);
        int min = parseRepeatCount(bounds[0], body);
        int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : parseRepeatCount(bounds[1], body);
        if (max >= 0 && max < min) {
            throw error("invalid repeat count", "{" + body + "}");
        }
        repetition(pos, close + 1);
    }

    private static int parseRepeatCount(String digits, String body) {
        if (digits.length() > 4 || Integer.parseInt(digits) > MAX_REPEAT) {
            throw error("invalid repeat count", "{" + body + "}");
        }
        return Integer.parseInt(digits);
    }

    private void characterClass() {
        int start = pos;
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
            throw error("missing closing ]", src.substring(start) + WRAPPER_SUFFIX);
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
            default -> throw error("invalid character class range", "[:" + name + ":]");
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
            // The backslash escapes the wrapper's ')', leaving the wrapper unclosed.
            throw parenthesisError("missing closing )");
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
                } else {
                    throw error("invalid escape sequence", "\\" + c);
                }
            }
        }
    }

    /** Copied whole so the braces of {@code \x{10FFFF}} are not mistaken for a repeat. */
    private void hex() {
        int end = peek() == '{' ? src.indexOf('}', pos) + 1 : Math.min(pos + 2, src.length());
        if (end <= pos) {
            throw error("invalid escape sequence", src.substring(pos - 2) + WRAPPER_SUFFIX);
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

    /** Without {@code \E} the literal runs to the end of the anchored text, taking the wrapper's ')' with it. */
    private void quoted(boolean inClass) {
        if (inClass) {
            throw error("invalid escape sequence", "\\Q");
        }
        int end = src.indexOf("\\E", pos);
        if (end < 0) {
            throw parenthesisError("missing closing )");
        }
        out.append(Pattern.quote(src.substring(pos, end)));
        pos = end + 2;
    }

    /**
     * Go knows {@code Any}, the general categories and the scripts, by their exact names
     * ({@code \p{Greek}}, not {@code \p{Grek}} or {@code \p{GREEK}}); Java wants "Is" before a script.
     */
    private void unicodeClass(char p) {
        int start = pos - 2;
        if (pos >= src.length()) {
            throw error("invalid character class range", "\\" + p);
        }
        String name;
        if (src.charAt(pos) == '{') {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw error("invalid character class range", src.substring(start) + WRAPPER_SUFFIX);
            }
            name = src.substring(pos + 1, end);
            pos = end + 1;
        } else {
            name = String.valueOf(src.charAt(pos));
            pos++;
        }
        boolean negated = name.startsWith("^") != (p == 'P');
        String bare = name.startsWith("^") ? name.substring(1) : name;
        if (bare.equals("Any")) {
            // A nested class, which Java also unites with the class around it.
            out.append(negated ? "[^" : "[").append("\\x{0}-\\x{10FFFF}]");
            return;
        }
        String javaName = GO_CATEGORIES.contains(bare) ? bare : isGoScriptName(bare) ? "Is" + bare : null;
        if (javaName == null) {
            throw error("invalid character class range", src.substring(start, pos));
        }
        out.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
    }

    /** Go spells scripts in Title_Case words, as Java's enum names them in upper case. */
    private static boolean isGoScriptName(String name) {
        try {
            Character.UnicodeScript.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return name.equals("SignWriting") || Arrays.stream(name.split("_", -1)).allMatch(word -> !word.isEmpty()
            && Character.isUpperCase(word.charAt(0)) && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT)));
    }

    private static boolean isWordChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
