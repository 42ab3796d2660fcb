package io.promrelay.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Matcher.Type;
import org.junit.jupiter.api.Test;

/** PromQL label matchers: =~ and !~ take Go RE2 regexes, anchored, as Prometheus 2.x compiles them. */
class MatcherTest {
    @Test
    void regexMatchersReadGoOnlySyntax() {
        assertTrue(Matcher.of(Type.REGEX, "job", "(?P<kind>node|cadvisor)_[[:digit:]]+").matches("node_12"));
        assertFalse(Matcher.of(Type.REGEX, "job", "[[:digit:]]+").matches("12a"));
        assertTrue(Matcher.of(Type.REGEX, "instance", "\\Q10.0.0.1:9100\\E").matches("10.0.0.1:9100"));
        assertFalse(Matcher.of(Type.REGEX, "instance", "\\Q10.0.0.1:9100\\E").matches("10x0x0x1:9100"));
        assertTrue(Matcher.of(Type.REGEX, "v", "\\101\\x42").matches("AB"));
        assertTrue(Matcher.of(Type.REGEX, "v", "\\p{Greek}+").matches("αβ"));
    }

    @Test
    void regexIsAnchoredWithoutTrailingNewlineLeeway() {
        Matcher m = Matcher.of(Type.REGEX, "job", "api|web");
        assertTrue(m.matches("api"));
        assertFalse(m.matches("api-2"));
        assertFalse(m.matches("api\n"));
        assertFalse(Matcher.of(Type.REGEX, "job", "ap.").matches("api\n"));
    }

    /** Checked against Prometheus 2.42: {@code count(up{job=~"a.b"})} counts "axb" but not "a\nb". */
    @Test
    void dotDoesNotMatchNewlineUnlessFlagged() {
        assertTrue(Matcher.of(Type.REGEX, "job", "a.b").matches("a\rb"));
        assertFalse(Matcher.of(Type.REGEX, "job", "a.b").matches("a\nb"));
        assertTrue(Matcher.of(Type.REGEX, "job", "(?s)a.b").matches("a\nb"));
    }

    @Test
    void negativeRegexAndMissingLabelsMatchAsEmptyString() {
        Matcher notApi = Matcher.of(Type.NOT_REGEX, "job", "api|web");
        assertTrue(notApi.matches("db"));
        assertFalse(notApi.matches("web"));
        assertTrue(notApi.matchesEmpty());
        assertFalse(Matcher.of(Type.REGEX, "job", ".+").matchesEmpty());
        assertTrue(Matcher.of(Type.REGEX, "job", "|x").matchesEmpty());
    }

    @Test
    void rejectsWhatGoRejectsWithGosMessage() {
        IllegalArgumentException lookahead = assertThrows(IllegalArgumentException.class,
            () -> Matcher.of(Type.REGEX, "job", "a(?=b)"));
        assertEquals("invalid regex \"a(?=b)\": error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
            lookahead.getMessage());
        IllegalArgumentException backreference = assertThrows(IllegalArgumentException.class,
            () -> Matcher.of(Type.NOT_REGEX, "job", "(a)\\1"));
        assertEquals("invalid regex \"(a)\\1\": error parsing regexp: invalid escape sequence: `\\1`",
            backreference.getMessage());
    }

    @Test
    void equalityValuesAreNotRegexes() {
        assertTrue(Matcher.of(Type.EQUAL, "job", "a(?=b)").matches("a(?=b)"));
        assertTrue(Matcher.of(Type.NOT_EQUAL, "job", "[").matches("x"));
    }

    @Test
    void printsAsPromQl() {
        assertEquals("job=~\"a\\\\d+\"", Matcher.of(Type.REGEX, "job", "a\\d+").toString());
    }
}
