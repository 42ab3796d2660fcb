package io.promrelay.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Prometheus regex: Go RE2 syntax and meaning, anchored at both ends as Prometheus anchors
 * relabel regexes and PromQL {@code =~}/{@code !~} matchers ({@code ^(?:regex)$}). The one
 * place where the relay turns such text into a Java {@link Pattern}, so config validation,
 * relabeling and label matchers accept, reject and match alike. Immutable and thread-safe.
 */
public final class GoRegex {
    /*
     * UNIX_LINES: in Go only \n ends a line, so '.' must match \r, \u0085 and \u2028.
     * UNICODE_CASE: Go's (?i) folds case over all of Unicode, Java's only over ASCII.
     * No DOTALL: in Prometheus 2.x neither relabeling nor PromQL lets '.' match \n.
     */
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;
    /** Regexes like {@code foo|bar_total} that are only literal alternatives, common in drop rules and match[]. */
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

    /**
     * @throws IllegalArgumentException when Go would not compile {@code ^(?:goRegex)$}; the
     *                                  message names the regex and then gives Go's own error, e.g.
     *                                  {@code invalid regex "(?=x)": error parsing regexp: invalid or
     *                                  unsupported Perl syntax: `(?=`}
     */
    public static GoRegex compileAnchored(String goRegex) {
        try {
            GoSyntaxTranslator.Translation t = GoSyntaxTranslator.translate(goRegex);
            Pattern p = Pattern.compile("^(?:" + t.javaRegex() + ")$", FLAGS);
            return new GoRegex(goRegex, p, t.groupNames());
        } catch (PatternSyntaxException e) {
            // What the translator lets through that Java still refuses, such as an unknown \p{...} name.
            throw invalid(goRegex, GoSyntaxTranslator.error(e.getDescription(), goRegex));
        } catch (IllegalArgumentException e) {
            throw invalid(goRegex, e);
        }
    }

    private static IllegalArgumentException invalid(String source, IllegalArgumentException goError) {
        return new IllegalArgumentException("invalid regex \"" + source + "\": " + goError.getMessage(), goError);
    }

    /** Whether the whole input matches; no trailing-newline leeway, as Go's {@code $} has none. */
    public boolean matches(String input) {
        return literals != null ? literals.contains(input) : pattern.matcher(input).matches();
    }

    /**
     * The matcher of a whole-input match, to read groups from, or null when the input does not
     * match. Whole-input ({@code matches()}, not {@code find()}) because Java's {@code $} may stop
     * before a trailing newline, which Go's never does.
     */
    public java.util.regex.Matcher match(String input) {
        java.util.regex.Matcher m = pattern.matcher(input);
        return m.matches() ? m : null;
    }

    /** Group names by group number (index 0 is group 1); "" for an unnamed group. */
    public List<String> groupNames() {
        return groupNames;
    }

    /** The regex as written, without the anchors. */
    @Override
    public String toString() {
        return source;
    }
}
