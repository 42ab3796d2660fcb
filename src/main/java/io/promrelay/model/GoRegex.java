package io.promrelay.model;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A Prometheus regex: Go RE2 syntax and meaning, anchored at both ends as Prometheus anchors
 * relabel regexes and PromQL {@code =~}/{@code !~} matchers ({@code ^(?:regex)$}). The one
 * place where the relay compiles such text, so config validation, relabeling and label matchers
 * accept, reject and match alike. It runs on RE2/J, which like Go's RE2 matches in time linear in
 * the input: no regex can make a match backtrack for seconds. Immutable and thread-safe.
 */
public final class GoRegex {
    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames;
    /** For literal alternatives, a set lookup answers {@link #matches} without running the regex; else null. */
    private final Set<String> literals;
    /**
     * Text every match starts with, checked before running the regex: most label values a matcher meets do not
     * match, and most of those fail here, as in Prometheus's FastRegexMatcher.
     */
    private final String requiredPrefix;
    /** {@code prefix.*}, the commonest match[] shape: the prefix and no newline after it decide the match. */
    private final boolean prefixThenAnything;
    /** Set once a match overflowed the caller's stack, so later ones go to the large stack at once. */
    private volatile boolean deep;

    private GoRegex(String source, Pattern pattern, List<String> groupNames, String requiredPrefix) {
        this.source = source;
        this.requiredPrefix = requiredPrefix;
        this.prefixThenAnything = source.equals(requiredPrefix + ".*");
        this.pattern = pattern;
        this.groupNames = groupNames;
        this.literals = isLiteralAlternatives(source) ? Set.copyOf(Arrays.asList(source.split("\\|"))) : null;
    }

    /**
     * Regexes like {@code foo|bar_total}, only literal alternatives, common in drop rules and match[]. Checked
     * with a loop: a regex for it would recurse once per alternative and overflow on a long list.
     */
    private static boolean isLiteralAlternatives(String regex) {
        boolean alternativeStart = true;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '|') {
                if (alternativeStart) {
                    return false;
                }
                alternativeStart = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || c == ':') {
                alternativeStart = false;
            } else {
                return false;
            }
        }
        return !alternativeStart;
    }

    /**
     * @throws IllegalArgumentException when Go would not compile {@code ^(?:goRegex)$}; the
     *                                  message names the regex and then gives Go's own error, e.g.
     *                                  {@code invalid regex "(?=x)": error parsing regexp: invalid or
     *                                  unsupported Perl syntax: `(?=`}
     */
    public static GoRegex compileAnchored(String goRegex) {
        GoSyntaxTranslator.Translation t = GoSyntaxTranslator.translate(goRegex);
        Pattern p;
        try {
            p = compile(t.re2jText());
        } catch (PatternSyntaxException e) {
            throw invalid(goRegex, t.goError(e.getDescription(), e.getPattern()));
        }
        if (!t.markerErrors().isEmpty()) {
            // RE2/J read a marker as plain text; what it stands for is still refused.
            throw invalid(goRegex, t.markerErrors().get(0));
        }
        return new GoRegex(goRegex, p, t.groupNames(), t.requiredPrefix());
    }

    /**
     * RE2/J compiles and matches recursively, one level per level of the simplified expression and per step of a
     * chain of empty-width instructions: {@code x{0,1000}} nests a thousand optional groups, ten thousand
     * alternatives or {@code a?a?a?...} make a chain that long. Go's goroutine stacks grow; a Java thread's do not,
     * so what overflows the caller's stack runs again on a thread with a large one ({@link LargeStack}).
     */
    private static Pattern compile(String re2jText) {
        try {
            return Pattern.compile(re2jText);
        } catch (StackOverflowError e) {
            return LargeStack.run(() -> Pattern.compile(re2jText));
        }
    }

    private static IllegalArgumentException invalid(String source, String goError) {
        return new IllegalArgumentException("invalid regex \"" + source + "\": " + goError);
    }

    /** Whether the whole input matches; no trailing-newline leeway, as Go's {@code $} has none. */
    public boolean matches(String input) {
        if (literals != null) {
            return literals.contains(input);
        }
        if (!input.startsWith(requiredPrefix)) {
            return false;
        }
        if (prefixThenAnything) {
            return input.indexOf('\n', requiredPrefix.length()) < 0;
        }
        if (!deep) {
            try {
                return pattern.matches(input);
            } catch (StackOverflowError e) {
                deep = true;
            }
        }
        return LargeStack.run(() -> pattern.matches(input));
    }

    /** The matcher of a whole-input match, to read groups from, or null when the input does not match. */
    public Matcher match(String input) {
        if (!input.startsWith(requiredPrefix)) {
            return null;
        }
        if (!deep) {
            try {
                return wholeMatch(input);
            } catch (StackOverflowError e) {
                deep = true;
            }
        }
        return LargeStack.run(() -> wholeMatch(input));
    }

    /** The groups are read here too: RE2/J finds them with a second, recursive run. */
    private Matcher wholeMatch(String input) {
        Matcher m = pattern.matcher(input);
        if (!m.matches()) {
            return null;
        }
        m.start(m.groupCount());
        return m;
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
