package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSelectorParserTest {
    @Test
    void bareMetricNameBecomesNameMatcher() {
        List<Matcher> m = SeriesSelectorParser.parse("up");
        assertEquals("[__name__=\"up\"]", m.toString());
    }

    @Test
    void nameWithLabelMatchersOfEveryKind() {
        List<Matcher> m = SeriesSelectorParser.parse("http_requests_total{job=\"api\", code=~\"5..\",method!=\"GET\" , path!~'/health.*',}");
        assertEquals("[__name__=\"http_requests_total\", job=\"api\", code=~\"5..\", method!=\"GET\", path!~\"/health.*\"]", m.toString());
    }

    @Test
    void selectorWithoutNameAndColonNames() {
        assertEquals("[__name__=~\"node_.*\"]", SeriesSelectorParser.parse("{__name__=~\"node_.*\"}").toString());
        assertEquals("[__name__=\"job:rate:sum\"]", SeriesSelectorParser.parse("job:rate:sum").toString());
    }

    @Test
    void goEscapesInQuotedValues() {
        Matcher m = SeriesSelectorParser.parse("x{a=\"q\\\"uote\\\\ \\n \\u00e9 \\x41\"}").get(1);
        assertEquals("q\"uote\\ \n \u00e9 A", m.value());
        assertEquals("raw\\n", SeriesSelectorParser.parse("x{a=`raw\\n`}").get(1).value());
    }

    @Test
    void regexMatchersAreAnchored() {
        Matcher m = SeriesSelectorParser.parse("{job=~\"no\"}").get(0);
        assertTrue(m.matches("no"));
        assertTrue(!m.matches("node"));
    }

    @Test
    void rejectsSelectorsThatMatchEverything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("{job=~\".*\"}"));
        assertTrue(e.getMessage().contains("at least one non-empty matcher"), e.getMessage());
    }

    @Test
    void namesThePositionOfSyntaxErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("up{job=\"a\""));
        assertTrue(e.getMessage().contains("1:11: parse error: unexpected end of input inside braces"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("up{job=\"a}"));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("up{job~\"a\"}"));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("up{__name__=\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("{a=~\"(\"}"));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse("up extra"));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelectorParser.parse(""));
    }
}
