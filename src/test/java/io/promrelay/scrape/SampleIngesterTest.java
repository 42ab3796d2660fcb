package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.RelabelConfig;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.StaleNaN;
import io.promrelay.storage.Appender;
import io.promrelay.model.MetricType;
import io.promrelay.storage.Head;
import io.promrelay.storage.MetricMetadata;
import io.promrelay.storage.Sample;
import io.promrelay.storage.SampleIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleIngesterTest {
    private static final Labels TARGET = Labels.of("job", "node", "instance", "10.0.0.1:9100");
    private static final String TEXT = "text/plain; version=0.0.4";

    private final Head head = ScrapeTestSupport.head();

    private IngestResult scrape(SampleIngester ingester, String body, long t) throws ScrapeFailure {
        return scrape(ingester, body, t, TEXT);
    }

    private IngestResult scrape(SampleIngester ingester, String body, long t, String contentType) throws ScrapeFailure {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Appender app = head.appender();
        try {
            IngestResult r = ingester.ingest(new ScrapeBody(bytes, bytes.length, contentType), t, app);
            app.commit();
            return r;
        } catch (ScrapeFailure e) {
            app.rollback();
            throw e;
        }
    }

    private List<double[]> samples(String selector) {
        long[] refs = head.querier().select(List.of(Matcher.equal("__name__", selector)));
        List<double[]> out = new ArrayList<>();
        for (long ref : refs) {
            SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
            while (it.next()) {
                out.add(new double[] {it.timestamp(), it.value()});
            }
        }
        return out;
    }

    @Test
    void appendsSamplesWithTargetLabelsAndCountsThem() throws Exception {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of());
        IngestResult r = scrape(ingester, "# TYPE a counter\na{x=\"1\"} 5\na{x=\"2\"} 6\nb 7\n", 1000);
        assertEquals(3, r.samplesScraped());
        assertEquals(3, r.samplesPostRelabel());
        assertEquals(3, r.seriesAdded());
        long[] refs = head.querier().select(List.of(Matcher.equal("__name__", "a"), Matcher.equal("x", "1")));
        assertEquals(1, refs.length);
        assertEquals(Labels.of("__name__", "a", "x", "1", "job", "node", "instance", "10.0.0.1:9100"), head.querier().labels(refs[0]));
        IngestResult second = scrape(ingester, "# TYPE a counter\na{x=\"1\"} 5\na{x=\"2\"} 6\nb 7\n", 2000);
        assertEquals(0, second.seriesAdded(), "cached series are not new");
    }

    @Test
    void vanishedSeriesGetTheStaleMarker() throws Exception {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of());
        scrape(ingester, "a 1\nb 2\n", 1000);
        scrape(ingester, "a 1\n", 2000);
        List<double[]> b = samples("b");
        assertEquals(2, b.size());
        assertEquals(2000, (long) b.get(1)[0]);
        assertTrue(StaleNaN.is(b.get(1)[1]), "exact stale NaN bits");
        assertFalse(StaleNaN.is(samples("a").get(1)[1]));
    }

    @Test
    void failedTargetMakesEverythingStale() throws Exception {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of());
        scrape(ingester, "a 1\nb 2\n", 1000);
        Appender app = head.appender();
        ingester.markAllStale(2000, app);
        app.commit();
        assertTrue(StaleNaN.is(samples("a").get(1)[1]));
        assertTrue(StaleNaN.is(samples("b").get(1)[1]));
    }

    @Test
    void clashingLabelsAreExportedUnlessHonored() throws Exception {
        scrape(ScrapeTestSupport.ingester(head, TARGET, false, List.of()), "a{job=\"inner\",exported_job=\"x\"} 1\n", 1000);
        long[] refs = head.querier().select(List.of(Matcher.equal("__name__", "a")));
        Labels l = head.querier().labels(refs[0]);
        assertEquals("node", l.get("job"));
        assertEquals("inner", l.get("exported_exported_job"));
        assertEquals("x", l.get("exported_job"));

        scrape(ScrapeTestSupport.ingester(head, TARGET, true, List.of()), "h{job=\"inner\"} 1\n", 1000);
        Labels honored = head.querier().labels(head.querier().select(List.of(Matcher.equal("__name__", "h")))[0]);
        assertEquals("inner", honored.get("job"));
        assertEquals("10.0.0.1:9100", honored.get("instance"));
    }

    @Test
    void honorsTimestampsOnlyWhenConfigured() throws Exception {
        scrape(ScrapeTestSupport.ingester(head, TARGET, false, List.of()), "a 1 500\n", 1000);
        assertEquals(500, (long) samples("a").get(0)[0]);
        SampleIngester ignoring = ScrapeTestSupport.ingester(head, ScrapeTestSupport.config(false, false, 0, 0), TARGET, List.of());
        scrape(ignoring, "c 1 500\n", 1000);
        assertEquals(1000, (long) samples("c").get(0)[0]);
    }

    @Test
    void metricRelabelingDropsSeriesBeforeTheyReachTheBuffer() throws Exception {
        RelabelConfig drop = new RelabelConfig(List.of("__name__"), ";", "go_.*", 0, null, "$1", RelabelConfig.Action.DROP);
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of(drop));
        IngestResult r = scrape(ingester, "go_goroutines 5\nkeep_me 1\n", 1000);
        assertEquals(2, r.samplesScraped());
        assertEquals(1, r.samplesPostRelabel());
        assertEquals(0, samples("go_goroutines").size());
        assertEquals(1, samples("keep_me").size());
    }

    @Test
    void sampleLimitFailsTheScrapeAndLeavesNothing() {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, ScrapeTestSupport.config(false, true, 2, 0), TARGET, List.of());
        ScrapeFailure e = assertThrows(ScrapeFailure.class, () -> scrape(ingester, "a 1\nb 2\nc 3\n", 1000));
        assertTrue(e.getMessage().startsWith("sample limit exceeded"), e.getMessage());
        assertEquals(0, samples("a").size());
    }

    @Test
    void samplesPastTheSampleLimitAreCountedButCreateNoSeries() {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, ScrapeTestSupport.config(false, true, 10, 0), TARGET, List.of());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append("flood{n=\"").append(i).append("\"} 1\n");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            ScrapeFailure e = assertThrows(ScrapeFailure.class, () -> scrape(ingester, body.toString(), 1000));
            assertTrue(e.getMessage().startsWith("sample limit exceeded (sample_limit: 10, samples after metric relabeling: 1000)"),
                    e.getMessage());
        }
        assertTrue(head.stats().activeSeries() <= 11, "series in the buffer: " + head.stats().activeSeries());
    }

    @Test
    void labelLimitNamesTheMetric() {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, ScrapeTestSupport.config(false, true, 0, 3), TARGET, List.of());
        ScrapeFailure e = assertThrows(ScrapeFailure.class, () -> scrape(ingester, "many{a=\"1\",b=\"2\"} 1\n", 1000));
        assertTrue(e.getMessage().startsWith("label_limit exceeded (metric: many, number of labels: 5, limit: 3)"), e.getMessage());
    }

    @Test
    void malformedBodyFailsWithTheLine() {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of());
        ScrapeFailure e = assertThrows(ScrapeFailure.class, () -> scrape(ingester, "ok 1\nbad{ 2\n", 1000));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void openMetricsBodiesAreParsedAsOpenMetrics() throws Exception {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of());
        String om = "# TYPE c counter\nc_total 3 1.5 # {trace_id=\"abc\"} 1\n# EOF\n";
        IngestResult r = scrape(ingester, om, 2000, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertEquals(1, r.samplesScraped());
        List<double[]> c = samples("c_total");
        assertEquals(1500, (long) c.get(0)[0], "OpenMetrics timestamps are seconds");
        assertEquals(3, c.get(0)[1]);
    }

    @Test
    void metadataOfTheScrapeReachesTheStore() throws Exception {
        SampleIngester ingester = ScrapeTestSupport.ingester(head, TARGET, false, List.of());
        scrape(ingester, "# HELP a Requests \\ served.\n# TYPE a counter\na 1\n# TYPE g gauge\ng 2\n", 1000);
        assertEquals(new MetricMetadata(MetricType.COUNTER, "Requests \\ served.", ""), head.metadata().latest("a"));
        assertEquals(MetricType.GAUGE, head.metadata().latest("g").type());
    }

    @Test
    void latestSampleIsReadable() throws Exception {
        scrape(ScrapeTestSupport.ingester(head, TARGET, false, List.of()), "a 42\n", 1000);
        Sample s = new Sample();
        long ref = head.querier().select(List.of(Matcher.equal("__name__", "a")))[0];
        assertTrue(head.querier().latest(ref, 0, 5000, s));
        assertEquals(42, s.value);
    }
}
