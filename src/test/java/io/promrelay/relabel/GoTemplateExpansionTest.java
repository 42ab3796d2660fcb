package io.promrelay.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replacement templates follow Go's Regexp.Expand, which reads several templates unlike Java. */
class GoTemplateExpansionTest {
    /** Expands the template against "abc" matched by the regex, through a replace rule. */
    private static String expand(String regex, String template) {
        Labels out = Rule.apply(Labels.of("src", "abc"),
            Rule.of(Action.REPLACE).sources("src").regex(regex).target("out").replacement(template));
        return out.get("out") == null ? "" : out.get("out");
    }

    @ParameterizedTest(name = "[{index}] {1} -> \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        (a)(b)(c)                 | $1             | a
        (a)(b)(c)                 | ${1}x          | ax
        (a)(b)(c)                 | $1x            | ''
        (a)(b)(c)                 | $1_$2          | b
        (a)(b)(c)                 | ${1}_${2}      | a_b
        (a)(b)(c)                 | $0             | abc
        (a)(b)(c)                 | $10            | ''
        (a)(b)(c)                 | $01            | ''
        (a)(b)(c)                 | ${01}          | ''
        (a)(b)(c)                 | x$$1           | x$1
        (a)(b)(c)                 | cost: $        | cost: $
        (a)(b)(c)                 | $-$3           | $-c
        (a)(b)(c)                 | ${1            | ${1
        (a)(b)(c)                 | ${}            | ${}
        (a)(b)(c)                 | ${2}${3}${1}   | bca
        (?P<first>a)b(?P<last>c)  | $lastfirst     | ''
        (?P<first>a)b(?P<last>c)  | ${last}${first} | ca
        (?P<first>a)b(?P<last>c)  | $last-$first   | c-a
        (?P<first>a)b(?P<last>c)  | $missing!      | !
        (?P<x>z)?(?P<x>a)bc       | ${x}           | a
        (a)(z)?bc                 | [$2]           | []
        """)
    void expandsLikeGo(String regex, String template, String expected) {
        assertEquals(expected, expand(regex, template));
    }

    @Test
    void unicodeLettersExtendATemplateName() {
        assertEquals("", expand("a(b)c", "$1é"));
        assertEquals("bé", expand("a(b)c", "${1}é"));
    }
}
