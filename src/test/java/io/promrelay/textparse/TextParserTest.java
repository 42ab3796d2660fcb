package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextParserTest {

    @Test
    void readsMetadataCommentsAndSeriesInOrder() throws ParseException {
        Parsed p = Parsed.text("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                # a free comment

                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000
                metric_without_timestamp_and_labels 12.47
                """);
        assertEquals(List.of(
                new Parsed.Meta(Parser.Entry.HELP, "http_requests_total", "The total number of HTTP requests."),
                new Parsed.Meta(Parser.Entry.TYPE, "http_requests_total", "counter")), p.metadata());
        assertEquals(new Parsed.Comment(3), p.items().get(2));
        Parsed.Sample first = p.sample(0);
        assertEquals("http_requests_total{method=\"post\",code=\"200\"}", first.series());
        assertEquals(Labels.of("__name__", "http_requests_total", "method", "post", "code", "200"), first.labels());
        assertEquals(1027.0, first.value());
        assertEquals(1395066363000L, first.timestamp());
        assertEquals(5, first.line());
        assertEquals(3.0, p.sample(1).value());
        assertEquals(Labels.of("__name__", "metric_without_timestamp_and_labels"), p.sample(2).labels());
        assertNull(p.sample(2).timestamp());
        assertNull(p.sample(2).exemplar());
    }

    @Test
    void mapsEveryTypeWordAndUntypedToUnknown() throws ParseException {
        Parsed p = Parsed.text("# TYPE a counter\n# TYPE b gauge\n# TYPE c histogram\n# TYPE d summary\n# TYPE e untyped\n");
        assertEquals(List.of("counter", "gauge", "histogram", "summary", "unknown"),
                p.metadata().stream().map(Parsed.Meta::text).toList());
    }

    @Test
    void unescapesHelpBackslashAndNewlineOnly() throws ParseException {
        Parsed p = Parsed.text("# HELP a one\\\\two\\nthree \\\"q\\\" \\t\n");
        assertEquals("one\\two\nthree \\\"q\\\" \\t", p.metadata().get(0).text());
    }

    @Test
    void helpMayBeEmptyOrBlank() throws ParseException {
        Parsed p = Parsed.text("# HELP a\n# HELP b   \n# HELP c  two spaces\n");
        assertEquals(List.of("", "", " two spaces"), p.metadata().stream().map(Parsed.Meta::text).toList());
    }

    @Test
    void unescapesLabelValuesAndKeepsUnknownEscapes() throws ParseException {
        Parsed p = Parsed.text("a{x=\"q\\\"uote\",y=\"back\\\\slash\",z=\"new\\nline\",w=\"keep\\t\"} 1\n");
        Labels l = p.sample(0).labels();
        assertEquals("q\"uote", l.get("x"));
        assertEquals("back\\slash", l.get("y"));
        assertEquals("new\nline", l.get("z"));
        assertEquals("keep\\t", l.get("w"));
    }

    @Test
    void decodesUtf8LabelValues() throws ParseException {
        assertEquals("grüße ☃", Parsed.text("a{x=\"grüße ☃\"} 1\n").sample(0).labels().get("x"));
    }

    @Test
    void acceptsTheLooseSpacingAndCommasPrometheusAccepts() throws ParseException {
        Parsed p = Parsed.text("""
                a{x="1",} 1
                b { x = "1" , y="2" } 2
                c{x="1" y="2"} 3
                d{} 4
                \t e\t5\t 6\t
                """);
        assertEquals(Labels.of("__name__", "a", "x", "1"), p.sample(0).labels());
        assertEquals(Labels.of("__name__", "b", "x", "1", "y", "2"), p.sample(1).labels());
        assertEquals("b { x = \"1\" , y=\"2\" }", p.sample(1).series());
        assertEquals(Labels.of("__name__", "c", "x", "1", "y", "2"), p.sample(2).labels());
        assertEquals(Labels.of("__name__", "d"), p.sample(3).labels());
        assertEquals(5.0, p.sample(4).value());
        assertEquals(6L, p.sample(4).timestamp());
    }

    @Test
    void dropsEmptyLabelValuesAsPrometheusDoes() throws ParseException {
        assertEquals(Labels.of("__name__", "a", "y", "2"), Parsed.text("a{x=\"\",y=\"2\"} 1").sample(0).labels());
    }

    @Test
    void lastLineNeedsNoLineFeed() throws ParseException {
        Parsed p = Parsed.text("a 1\nb 2 3");
        assertEquals(2, p.samples().size());
        assertEquals(3L, p.sample(1).timestamp());
    }

    @Test
    void readsSpecialValuesWithPrometheusNaN() throws ParseException {
        Parsed p = Parsed.text("a NaN\nb +Inf\nc -Inf\nd Inf\ne nan\nf -0\ng 1.5e-3\nh .5\n");
        double nan = p.sample(0).value();
        assertTrue(Double.isNaN(nan));
        assertEquals(0x7ff8000000000001L, Double.doubleToRawLongBits(nan));
        assertFalse(StaleNaN.is(nan));
        assertEquals(Double.POSITIVE_INFINITY, p.sample(1).value());
        assertEquals(Double.NEGATIVE_INFINITY, p.sample(2).value());
        assertEquals(Double.POSITIVE_INFINITY, p.sample(3).value());
        assertTrue(Double.isNaN(p.sample(4).value()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(p.sample(5).value()));
        assertEquals(0.0015, p.sample(6).value());
        assertEquals(0.5, p.sample(7).value());
    }

    @Test
    void rawLineFeedInsideLabelValueIsKeptAndCounted() throws ParseException {
        Parsed p = Parsed.text("a{x=\"two\nlines\"} 1\nb 2\n");
        assertEquals("two\nlines", p.sample(0).labels().get("x"));
        assertEquals(3, p.sample(1).line());
    }

    @Test
    void nulAtLineStartEndsTheInputAsInPrometheus() throws ParseException {
        assertEquals(1, Parsed.text("a 1\n\0garbage{\n").samples().size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'a 1\\n0a 2\\n'                 | 2 | expected a metric name
            'a\\n'                         | 1 | expected value after metric
            'a{x=1} 1\\n'                  | 1 | expected quoted label value
            'a{x="1"\\n'                   | 1 | expected label name
            'a{x} 1\\n'                    | 1 | expected equal sign
            'a{,x="1"} 1\\n'               | 1 | expected label name
            'a{x="1",,y="2"} 1\\n'         | 1 | expected label name
            'a{1="1"} 1\\n'                | 1 | expected label name
            'a{x="unterminated} 1'        | 1 | unterminated label value
            'a 1 2 3\\n'                   | 1 | expected next entry after timestamp
            'a 1 -2\\n'                    | 1 | expected timestamp or new record
            'a 1 1.5\\n'                   | 1 | expected next entry after timestamp
            'a 1 99999999999999999999\\n'  | 1 | value out of range
            'a x\\n'                       | 1 | invalid syntax while parsing value "x"
            'a 1\\r\\n'                     | 1 | invalid syntax
            'a 0x1p3\\n'                   | 1 | unsupported character in float
            'a 1_000\\n'                   | 1 | unsupported character in float
            'a x_y\\n'                     | 1 | unsupported character in float while parsing value "x_y"
            'a 1e400\\n'                   | 1 | value out of range
            'a 1.0f\\n'                    | 1 | invalid syntax
            'a +NaN\\n'                    | 1 | invalid syntax
            'a 1{\\n'                      | 1 | expected timestamp or new record
            '# TYPE a counters\\n'         | 1 | invalid metric type "counters"
            '# TYPE a counter \\n'         | 1 | invalid metric type "counter "
            '# TYPE a\\n'                  | 1 | invalid metric type ""
            '\\n\\n# HELP 0a x\\n'           | 3 | expected metric name after HELP
            '# HELP \\n'                   | 1 | expected metric name after HELP
            'a{x="1",x="2"} 1\\n'          | 1 | label name "x" is not unique
            'a{y="1",x="2",y="3"} 1\\n'    | 1 | label name "y" is not unique
            'a{__name__="b"} 1\\n'         | 1 | label name "__name__" is not unique
            '=1\\n'                        | 1 | expected a metric name
            """)
    void refusesWhatPrometheusRefusesNamingTheLine(String body, int line, String reason) {
        ParseException e = assertThrows(ParseException.class, () -> Parsed.text(body.replace("\\n", "\n").replace("\\r", "\r")));
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void refusesAnEscapedLineFeedInALabelValue() {
        ParseException e = assertThrows(ParseException.class, () -> Parsed.text("a{x=\"\\\n\"} 1\n"));
        assertTrue(e.getMessage().contains("unterminated label value"), e.getMessage());
    }

    @Test
    void refusesInvalidUtf8InLabelValuesAndHelp() {
        byte[] value = {'a', '{', 'x', '=', '"', (byte) 0xc3, '"', '}', ' ', '1', '\n'};
        assertThrows(ParseException.class, () -> Parsed.drain(new TextParser(value, value.length)));
        byte[] help = {'#', ' ', 'H', 'E', 'L', 'P', ' ', 'a', ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
        assertThrows(ParseException.class, () -> Parsed.drain(new TextParser(help, help.length)));
    }

    @Test
    void repeatedLabelWithAnEmptyValueIsNotADuplicate() throws ParseException {
        assertEquals("1", Parsed.text("a{x=\"1\",x=\"\"} 1\n").sample(0).labels().get("x"));
    }

    @Test
    void hashWithoutKeywordIsAComment() throws ParseException {
        Parsed p = Parsed.text("#HELP a x\n# HELPER a\n#\n# TYPE\n");
        assertEquals(4, p.items().size());
        assertTrue(p.items().stream().allMatch(Parsed.Comment.class::isInstance));
    }

    @Test
    void parsesOnlyTheGivenLength() throws ParseException {
        byte[] body = Parsed.bytes("a 1\nb 2\n");
        Parsed p = Parsed.drain(new TextParser(body, 4));
        assertEquals(1, p.samples().size());
    }

    @Test
    void neverOffersAnExemplar() throws ParseException {
        TextParser p = new TextParser(Parsed.bytes("a 1 # {x=\"y\"} 1\n"), 0);
        assertEquals(Parser.Entry.EOF, p.next());
        assertFalse(p.exemplar(new Exemplar()));
    }
}
