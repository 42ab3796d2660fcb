package io.promrelay.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Relabel regexes are Go RE2 text: they must match what Go matches, and be rejected where Go rejects them. */
class GoRegexSyntaxTest {
    /** Whether a keep rule with this regex keeps a set whose label "v" holds the value. */
    private static boolean keeps(String regex, String value) {
        return Rule.apply(Labels.of("v", value), Rule.of(Action.KEEP).sources("v").regex(regex)) != null;
    }

    @ParameterizedTest(name = "[{index}] /{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiter = '#', quoteCharacter = '\'', textBlock = """
        foo                 # foo        # true
        foo                 # xfoo       # false
        f|o                 # foo        # false
        ^metrics$           # metrics    # true
        [[:alpha:]]+        # abc        # true
        [[:alpha:]]+        # ab1        # false
        [[:^digit:]]+       # ab         # true
        [[:word:]]+         # a_1        # true
        []a]+               # ]a]        # true
        [a&&b]+             # a&b        # true
        [a[]+               # a[[        # true
        a{                  # a{         # true
        a{,3}               # a{,3}      # true
        a{2}                # aa         # true
        a]}                 # a]}        # true
        a{1,2}?             # aa         # true
        \\101               # A          # true
        \\0                 # '\\0'       # true
        \\x{41}\\x42        # AB         # true
        \\Qa.b\\E           # a.b        # true
        \\Qa.b\\E           # axb        # false
        (?i)straße          # STRASSE    # false
        (?i)σ               # Σ          # true
        \\p{Greek}+         # αβγ        # true
        \\pL+               # abc        # true
        \\p{^Greek}+        # abc        # true
        \\PL+               # 123        # true
        """)
    void matchesWhatGoMatches(String regex, String value, boolean expected) {
        assertEquals(expected, keeps(regex, value.replace("\\0", "\0")));
    }

    @Test
    void dollarDoesNotMatchBeforeATrailingNewline() {
        assertEquals(false, keeps("foo", "foo\n"));
        assertEquals(false, keeps("foo$", "foo\n"));
    }

    @Test
    void dotMatchesCarriageReturnButNotNewlineUnlessFlagged() {
        assertTrue(keeps("a.b", "a\rb"));
        assertTrue(keeps("a.b", "a\u2028b"));
        assertEquals(false, keeps("a.b", "a\nb"));
        assertTrue(keeps("(?s)a.b", "a\nb"));
    }

    @Test
    void perlSpaceClassExcludesVerticalTab() {
        assertTrue(keeps("a\\sb", "a\tb"));
        assertEquals(false, keeps("a\\sb", "a\u000Bb"));
        assertTrue(keeps("a\\vb", "a\u000Bb"));
        assertTrue(keeps("a\\Sb", "a\u000Bb"));
        assertTrue(keeps("[\\s]", " "));
    }

    @Test
    void multiLineFlagLetsAnchorsMatchAtNewlines() {
        assertTrue(keeps("(?m)a$\\nb", "a\nb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "a(?=b)b", "a(?!c)b", "(?<=a)b", "(?<!a)b", "(?>a)", "a*+", "a++", "a{2}+",
        "(?U)a*", "(?x)a", "\\8", "\\ka", "a{1001}", "a{3,2}", "(?P<bad-name>a)", "(?P<é>a)", "[[:nope:]]", "(a",
        "[a", "a\\", "\\C"})
    void rejectsWhatRe2Rejects(String regex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Relabeler.compile(java.util.List.of(Rule.of(Action.KEEP).sources("v").regex(regex).config())));
        assertTrue(e.getMessage().contains("\"" + regex + "\""), e.getMessage());
    }
}
