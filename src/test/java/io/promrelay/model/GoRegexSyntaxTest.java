package io.promrelay.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prometheus regexes are Go RE2 text anchored as {@code ^(?:regex)$}: they must match what Go
 * matches, and be rejected where Go rejects them, with Go's message. The expected messages are
 * what Prometheus 2.42's {@code promtool check config} prints for a relabel rule with that regex.
 */
class GoRegexSyntaxTest {
    private static boolean matches(String regex, String value) {
        return GoRegex.compileAnchored(regex).matches(value);
    }

    @ParameterizedTest(name = "[{index}] /{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiter = '#', quoteCharacter = '\'', textBlock = """
        foo                 # foo        # true
        foo                 # xfoo       # false
        f|o                 # foo        # false
        foo|bar_total       # bar_total  # true
        foo|bar_total       # bar        # false
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
        a{01}               # a{01}      # true
        a{2}                # aa         # true
        a]}                 # a]}        # true
        a{1,2}?             # aa         # true
        \\101               # A          # true
        \\0                 # '\\0'      # true
        \\x{41}\\x42        # AB         # true
        \\Qa.b\\E           # a.b        # true
        \\Qa.b\\E           # axb        # false
        (?i)straße          # STRASSE    # false
        (?i)σ               # Σ          # true
        \\p{Greek}+         # αβγ        # true
        \\pL+               # abc        # true
        \\p{^Greek}+        # abc        # true
        \\PL+               # 123        # true
        \\p{Any}+           # aé!       # true
        \\P{Any}            # a          # false
        [\\P{Any}a]+        # aa         # true
        [^\\p{Any}]         # a          # false
        \\p{Old_Italic}     # 𐌀     # true
        (?P<n>x)y           # xy         # true
        (?P<a_1>x)|y        # y          # true
        abc\\z              # abc        # true
        a)|(b               # a          # true
        a)|(b               # b          # true
        (a{10}){100}        # aaaaaaaaaa # false
        ((a{10}){0}){1000}  # ''         # true
        (?P<n>a)|(?P<n>b)   # b          # true
        abc*                # ab         # true
        abc?d               # abd        # true
        ab{0}c              # ac         # true
        ab(?i)*             # a          # true
        ab\\Q\\E*            # a          # true
        abc|x               # x          # true
        abc)|(x             # x          # true
        (?i)abc             # ABC        # true
        a-b}c               # a-b}c      # true
        ab.c                # abxc       # true
        ab.c                # axbc       # false
        node_.*             # node_      # true
        node_.*             # node_cpu   # true
        node_.*             # nodecpu    # false
        node_.*             # go_node_   # false
        [(?<n>]+            # (?<n>      # true
        \\Q(?<n>\\E        # (?<n>      # true
        """)
    void matchesWhatGoMatches(String regex, String value, boolean expected) {
        assertEquals(expected, matches(regex, value.replace("\\0", "\0")));
    }

    @Test
    void dollarDoesNotMatchBeforeATrailingNewline() {
        assertFalse(matches("foo", "foo\n"));
        assertFalse(matches("foo$", "foo\n"));
        assertFalse(matches("foo|bar", "foo\n"));
    }

    @Test
    void prefixThenDotStarStopsAtANewline() {
        assertFalse(matches("node_.*", "node_a\nb"));
        assertTrue(matches("node_.*", "node_a\rb"));
        assertTrue(matches("(?s)node_.*", "node_a\nb"));
    }

    @Test
    void dotMatchesCarriageReturnButNotNewlineUnlessFlagged() {
        assertTrue(matches("a.b", "a\rb"));
        assertTrue(matches("a.b", "a\u2028b"));
        assertFalse(matches("a.b", "a\nb"));
        assertTrue(matches("(?s)a.b", "a\nb"));
    }

    @Test
    void perlSpaceClassExcludesVerticalTab() {
        assertTrue(matches("a\\sb", "a\tb"));
        assertFalse(matches("a\\sb", "a\u000Bb"));
        assertTrue(matches("a\\vb", "a\u000Bb"));
        assertTrue(matches("a\\Sb", "a\u000Bb"));
        assertTrue(matches("[\\s]", " "));
    }

    @Test
    void multiLineFlagLetsAnchorsMatchAtNewlines() {
        assertTrue(matches("(?m)a$\\nb", "a\nb"));
    }

    @Test
    void ungreedyFlagSwapsGreedyAndLazyRepetitions() {
        assertEquals("a", GoRegex.compileAnchored("(?U)(a+)(a*)").match("aaa").group(1));
        assertEquals("aaa", GoRegex.compileAnchored("(?U)(a+?)(a*)").match("aaa").group(1));
        assertEquals("a", GoRegex.compileAnchored("(?U:(a+))(a*)").match("aaa").group(1));
        assertEquals("aaa", GoRegex.compileAnchored("(?U:x)(a+)(a*)").match("xaaa").group(1));
        assertEquals("aaa", GoRegex.compileAnchored("(?U)(?-U)(a+)(a*)").match("aaa").group(1));
    }

    @Test
    void groupNamesFollowGroupNumbers() {
        GoRegex r = GoRegex.compileAnchored("(?P<first>a)(b)(?:c)(?P<third_1>d)");
        assertEquals(List.of("first", "", "third_1"), r.groupNames());
        assertEquals("d", r.match("abcd").group(3));
        assertNull(r.match("abc"));
    }

    @Test
    void duplicateGroupNamesAreAllowedAsInGo() {
        GoRegex r = GoRegex.compileAnchored("(?P<n>a)|(?P<n>b)");
        assertEquals(List.of("n", "n"), r.groupNames());
        assertEquals("b", r.match("b").group(2));
    }

    @ParameterizedTest(name = "[{index}] /{0}/ -> {1}")
    @CsvSource(delimiter = '#', quoteCharacter = '\'', textBlock = """
        (?=x)             # invalid or unsupported Perl syntax: `(?=`
        a(?!c)b           # invalid or unsupported Perl syntax: `(?!`
        (?<=a)b           # invalid or unsupported Perl syntax: `(?<`
        (?>a)             # invalid or unsupported Perl syntax: `(?>`
        (?x)a             # invalid or unsupported Perl syntax: `(?x`
        (?-)a             # invalid or unsupported Perl syntax: `(?-)`
        (a)\\1            # invalid escape sequence: `\\1`
        \\8               # invalid escape sequence: `\\8`
        \\C               # invalid escape sequence: `\\C`
        \\Z               # invalid escape sequence: `\\Z`
        [\\Q]             # invalid escape sequence: `\\Q`
        a**               # invalid nested repetition operator: `**`
        a*+               # invalid nested repetition operator: `*+`
        a++               # invalid nested repetition operator: `++`
        a*?*              # invalid nested repetition operator: `*?*`
        x{2}{3}           # invalid nested repetition operator: `{2}{3}`
        a{2}*             # invalid nested repetition operator: `{2}*`
        *a                # missing argument to repetition operator: `*`
        a|*               # missing argument to repetition operator: `*`
        (*)               # missing argument to repetition operator: `*`
        (?i)*             # missing argument to repetition operator: `*`
        a{1001}           # invalid repeat count: `{1001}`
        a{3,2}            # invalid repeat count: `{3,2}`
        (?P<bad-name>a)   # invalid named capture: `(?P<bad-name>`
        (?P<é>a)          # invalid named capture: `(?P<é>`
        (?P<a             # invalid named capture: `(?P<a)$`
        [[:nope:]]        # invalid character class range: `[:nope:]`
        \\p{Alpha}        # invalid character class range: `\\p{Alpha}`
        \\p{Grek}         # invalid character class range: `\\p{Grek}`
        \\p{GREEK}        # invalid character class range: `\\p{GREEK}`
        \\p{LC}           # invalid character class range: `\\p{LC}`
        [a                # missing closing ]: `[a)$`
        a(b               # missing closing ): `^(?:a(b)$`
        (?i               # missing closing ): `^(?:(?i)$`
        a\\               # missing closing ): `^(?:a\\)$`
        \\Qabc            # missing closing ): `^(?:\\Qabc)$`
        a)                # unexpected ): `^(?:a))$`
        )                 # unexpected ): `^(?:))$`
        (?<n>x)           # invalid or unsupported Perl syntax: `(?<`
        \\8(?<n>x)        # invalid escape sequence: `\\8`
        (?P<a(?<b>        # invalid named capture: `(?P<a(?<b>`
        [a(?<b>x)         # missing closing ]: `[a(?<b>x))$`
        (a{100}){100}     # invalid repeat count: `{100}`
        (a{10}){101}      # invalid repeat count: `{101}`
        ((a{1000}){0,1}){2} # invalid repeat count: `{2}`
        (?:a{20}){51,}    # invalid repeat count: `{51,}`
        x{2}{3}(a{100}){100} # invalid nested repetition operator: `{2}{3}`
        """)
    void rejectsWhatGoRejectsWithGosMessage(String regex, String goError) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoRegex.compileAnchored(regex));
        assertEquals("invalid regex \"" + regex + "\": error parsing regexp: " + goError, e.getMessage());
    }
}
