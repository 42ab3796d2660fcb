package io.promrelay.relabel;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A relabel regex compiled once, anchored at both ends as Prometheus anchors it, with Go's
 * meaning of the syntax. Safe to share between threads.
 */
final class GoRegex {
    /*
     * UNIX_LINES: in Go only \n ends a line, so '.' must match \r, \u0085 and \u2028.
     * UNICODE_CASE: Go's (?i) folds case over all of Unicode, Java's only over ASCII.
     */
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;
    /** Regexes like {@code foo|bar_total} that are only literal alternatives, common in drop rules. */
    private static final Pattern LITERAL_ALTERNATIVES = Pattern.compile("[A-Za-z0-9_:]+(?:\\|[A-Za-z0-9_:]+)*");

    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames;
    /** For literal alternatives, a set lookup answers {@link #matches} without running the regex; else null. */
    private final Set<String> literals;

    private GoRegex(String source, Pattern pattern, List<String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
        this.literals = LITERAL_ALTERNATIVES.matcher(source).matches()
            ? Set.copyOf(Arrays.asList(source.split("\\|"))) : null;
    }

    /** @throws IllegalArgumentException naming the regex when Go's RE2 would not accept it */
    static GoRegex compileAnchored(String source) {
        try {
            GoSyntaxTranslator.Translation t = GoSyntaxTranslator.translate(source);
            Pattern p = Pattern.compile("^(?:" + t.javaRegex() + ")$", FLAGS);
            return new GoRegex(source, p, t.groupNames());
        } catch (PatternSyntaxException e) {
            throw invalid(source, e.getDescription(), e);
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage(), e);
        }
    }

    private static IllegalArgumentException invalid(String source, String problem, Exception cause) {
        return new IllegalArgumentException("invalid relabel regex \"" + source + "\": " + problem, cause);
    }

    /**
     * The matcher of a whole-input match, or null when the input does not match. Whole-input
     * ({@code matches()}, not {@code find()}) because Java's {@code $} may stop before a
     * trailing newline, which Go's never does.
     */
    Matcher match(String input) {
        Matcher m = pattern.matcher(input);
        return m.matches() ? m : null;
    }

    boolean matches(String input) {
        return literals != null ? literals.contains(input) : pattern.matcher(input).matches();
    }

    /** Group names by group number (index 0 is group 1); "" for an unnamed group. */
    List<String> groupNames() {
        return groupNames;
    }

    @Override
    public String toString() {
        return source;
    }
}
