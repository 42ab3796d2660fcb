package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenMetricsParserTest {

    @Test
    void readsDescriptorsSeriesAndStopsAtEof() throws ParseException {
        Parsed p = Parsed.openMetrics("""
                # TYPE acme_http_router_request_seconds summary
                # UNIT acme_http_router_request_seconds seconds
                # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
                acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
                acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
                acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
                # EOF
                """);
        assertEquals(List.of(
                new Parsed.Meta(Parser.Entry.TYPE, "acme_http_router_request_seconds", "summary"),
                new Parsed.Meta(Parser.Entry.UNIT, "acme_http_router_request_seconds", "seconds"),
                new Parsed.Meta(Parser.Entry.HELP, "acme_http_router_request_seconds",
                        "Latency though all of ACME's HTTP request router.")), p.metadata());
        assertEquals(3, p.samples().size());
        assertEquals(Labels.of("__name__", "acme_http_router_request_seconds_created", "path", "/api/v1", "method", "GET"),
                p.sample(2).labels());
        assertEquals(1605281325.0, p.sample(2).value());
        assertEquals(6, p.sample(2).line());
    }

    @Test
    void mapsEveryOpenMetricsType() throws ParseException {
        Parsed p = Parsed.openMetrics("""
                # TYPE a counter
                # TYPE b gauge
                # TYPE c histogram
                # TYPE d gaugehistogram
                # TYPE e summary
                # TYPE f info
                # TYPE g stateset
                # TYPE h unknown
                # EOF
                """);
        assertEquals(List.of("counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"),
                p.metadata().stream().map(Parsed.Meta::text).toList());
    }

    @Test
    void convertsSecondTimestampsToMillisecondsByTruncation() throws ParseException {
        Parsed p = Parsed.openMetrics("a 1 1.5\nb 1 1520430000.123\nc 1 -1\nd 1 1.1\ne 1 1.5e3\n# EOF");
        assertEquals(1500L, p.sample(0).timestamp());
        assertEquals(1520430000123L, p.sample(1).timestamp());
        assertEquals(-1000L, p.sample(2).timestamp());
        assertEquals(1100L, p.sample(3).timestamp());
        assertEquals(1500000L, p.sample(4).timestamp());
    }

    @Test
    void readsExemplarsWithAndWithoutTimestamp() throws ParseException {
        Parsed p = Parsed.openMetrics("""
                # TYPE foo histogram
                foo_bucket{le="0.01"} 0
                foo_bucket{le="0.1"} 8 # {trace_id="KOO5S4vxi0o"} 0.067 1520879607.789
                foo_bucket{le="1"} 11 1520879600 # {trace_id="oHg5SJYRHA0",span="a b # c"} 9.8e-1
                foo_bucket{le="+Inf"} 17 # {} NaN
                # EOF
                """);
        assertNull(p.sample(0).exemplar());
        Exemplar first = p.sample(1).exemplar();
        assertEquals(Labels.of("trace_id", "KOO5S4vxi0o"), first.labels);
        assertEquals(0.067, first.value);
        assertTrue(first.hasTimestamp);
        assertEquals(1520879607789L, first.timestampMillis);
        assertNull(p.sample(1).timestamp());
        Exemplar second = p.sample(2).exemplar();
        assertEquals(Labels.of("trace_id", "oHg5SJYRHA0", "span", "a b # c"), second.labels);
        assertEquals(0.98, second.value);
        assertFalse(second.hasTimestamp);
        assertEquals(1520879600000L, p.sample(2).timestamp());
        assertEquals(Labels.EMPTY, p.sample(3).exemplar().labels);
        assertTrue(Double.isNaN(p.sample(3).exemplar().value));
    }

    @Test
    void helpUnescapesQuotesToo() throws ParseException {
        Parsed p = Parsed.openMetrics("# HELP a x\\\"y\\\\z\\nw\\t\n# EOF\n");
        assertEquals("x\"y\\z\nw\\t", p.metadata().get(0).text());
    }

    @Test
    void seriesBytesAreTheSeriesAsSent() throws ParseException {
        Parsed p = Parsed.openMetrics("a_total{b=\"c\\\"d\"} 1 2 # {e=\"f\"} 3\n# EOF\n");
        assertEquals("a_total{b=\"c\\\"d\"}", p.sample(0).series());
        assertEquals("c\"d", p.sample(0).labels().get("b"));
    }

    @Test
    void nothingIsReadAfterEof() throws ParseException {
        OpenMetricsParser p = new OpenMetricsParser(Parsed.bytes("# EOF\n"), 6);
        assertEquals(Parser.Entry.EOF, p.next());
        assertEquals(Parser.Entry.EOF, p.next());
    }

    @Test
    void eofNeedsNoLineFeed() throws ParseException {
        assertEquals(1, Parsed.openMetrics("a 1\n# EOF").samples().size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                               | 1 | data does not end with # EOF
            'a 1\\n'                          | 2 | data does not end with # EOF
            'a 1'                            | 1 | data does not end with # EOF
            'a 1\\n\\n# EOF\\n'                | 2 | expected a metric name or "# "
            'a 1\\n# EOF\\nb 1\\n'              | 2 | unexpected data after # EOF
            '# EOF\\n\\n'                      | 1 | unexpected data after # EOF
            '# EOF \\n'                       | 1 | unexpected data after # EOF
            '# free comment\\n# EOF\\n'        | 1 | expected HELP, TYPE, UNIT or EOF
            '#EOF\\n'                         | 1 | expected "# " followed by
            ' a 1\\n# EOF\\n'                  | 1 | expected a metric name or "# "
            'a  1\\n# EOF\\n'                  | 1 | expected value after metric
            'a\\t1\\n# EOF\\n'                  | 1 | expected value after metric
            'a 1 \\n# EOF\\n'                  | 1 | expected timestamp or exemplar
            'a 1 2 3\\n# EOF\\n'               | 1 | expected exemplar or line break after timestamp
            'a 1 z\\n# EOF\\n'                 | 1 | invalid syntax while parsing timestamp
            'a 1 NaN\\n# EOF\\n'               | 1 | invalid timestamp
            'a 1 +Inf\\n# EOF\\n'              | 1 | invalid timestamp
            'a{x="1",} 1\\n# EOF\\n'           | 1 | expected label name
            'a{x="1" ,y="2"} 1\\n# EOF\\n'     | 1 | expected comma or closing brace
            'a{x="1"y="2"} 1\\n# EOF\\n'       | 1 | expected comma or closing brace
            'a {x="1"} 1\\n# EOF\\n'           | 1 | invalid syntax while parsing value "{x=\\"1\\"}"
            'a{x = "1"} 1\\n# EOF\\n'          | 1 | expected equal sign
            'a{x="1",x="2"} 1\\n# EOF\\n'      | 1 | label name "x" is not unique
            '# HELP\\n# EOF\\n'                | 1 | expected HELP, TYPE, UNIT or EOF
            '# HELP a\\n# EOF\\n'              | 1 | expected a space and text
            '# TYPE a foo\\n# EOF\\n'          | 1 | invalid metric type "foo"
            '# TYPE a untyped\\n# EOF\\n'      | 1 | invalid metric type "untyped"
            '# UNIT a_seconds bytes\\n# EOF\\n' | 1 | unit "bytes" not a suffix of metric "a_seconds"
            '# UNIT seconds seconds\\n# EOF\\n' | 1 | not a suffix
            '# HELP a x'                     | 1 | expected a space and text
            'a 1 # {x="y"}\\n# EOF\\n'         | 1 | expected value after exemplar labels
            'a 1 # {x="y"} 1 2 3\\n# EOF\\n'   | 1 | expected line break after exemplar timestamp
            'a 1 # {x="y"} 1 NaN\\n# EOF\\n'   | 1 | invalid exemplar timestamp
            'a 1 # {x="y",} 1\\n# EOF\\n'      | 1 | expected label name
            'a 1 # {x="y"} 1'                | 1 | data does not end with # EOF
            'a 1 #\\n# EOF\\n'                 | 1 | invalid syntax while parsing timestamp "#"
            'a{x="a\\nb"} 1\\n# EOF\\n'         | 1 | unterminated label value
            """)
    void refusesWhatPrometheusRefusesNamingTheLine(String body, int line, String reason) {
        ParseException e = assertThrows(ParseException.class, () -> Parsed.openMetrics(body.replace("\\n", "\n")));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void emptyUnitAndHelpAreAllowed() throws ParseException {
        Parsed p = Parsed.openMetrics("# HELP a \n# UNIT a \n# EOF\n");
        assertEquals(List.of("", ""), p.metadata().stream().map(Parsed.Meta::text).toList());
    }
}
