package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ExpositionFormatTest {

    @Test
    void acceptHeaderIsPrometheus242s() {
        assertEquals("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.ACCEPT_HEADER);
    }

    @Test
    void openMetricsMediaTypeWithAnyParametersOrCase() {
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.forContentType("application/openmetrics-text"));
        assertEquals(ExpositionFormat.OPENMETRICS,
                ExpositionFormat.forContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.forContentType(" Application/OpenMetrics-Text ;version=0.0.1"));
    }

    @Test
    void everythingElseIsTheTextFormat() {
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.forContentType(null));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.forContentType(""));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.forContentType("text/plain; version=0.0.4; charset=utf-8"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.forContentType("application/json"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.forContentType("application/openmetrics-textual"));
    }

    @Test
    void parserForBuildsTheMatchingParserOverTheGivenLength() throws ParseException {
        byte[] body = Parsed.bytes("a 1\n# EOF\ntrailing bytes past length");
        Parser om = ExpositionFormat.parserFor("application/openmetrics-text", body, 10);
        assertInstanceOf(OpenMetricsParser.class, om);
        assertEquals(1, Parsed.drain(om).samples().size());
        assertInstanceOf(TextParser.class, ExpositionFormat.parserFor("", body, 4));
    }
}
