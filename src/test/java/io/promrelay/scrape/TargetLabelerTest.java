package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.promrelay.config.RelabelConfig;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetLabelerTest {
    private static TargetLabeler.Result label(List<RelabelConfig> relabel, Map<String, List<String>> params, Labels target, Labels group) {
        var config = ScrapeTestSupport.config(false, true, 0, 0, relabel, params);
        return new TargetLabeler(config, Relabeler.compile(relabel)).label(target, group);
    }

    @Test
    void instanceDefaultsToAddressAndDoubleUnderscoreLabelsAreRemoved() {
        var r = label(List.of(), Map.of(), Labels.of("__address__", "10.0.0.1:9100", "__meta_x", "y"), Labels.of("team", "a"));
        ScrapeTarget t = assertInstanceOf(TargetLabeler.Kept.class, r).target();
        assertEquals(Labels.of("instance", "10.0.0.1:9100", "job", "node", "team", "a"), t.labels());
        assertEquals("http://10.0.0.1:9100/metrics", t.url());
        assertEquals("y", t.discoveredLabels().get("__meta_x"));
        assertEquals("15s", t.discoveredLabels().get("__scrape_interval__"));
    }

    @Test
    void relabelingCanRewriteSchemePathAndParams() {
        List<RelabelConfig> relabel = List.of(
                new RelabelConfig(List.of(), ";", "(.*)", 0, "__scheme__", "https", RelabelConfig.Action.REPLACE),
                new RelabelConfig(List.of("__address__"), ";", "(.*)", 0, "__param_target", "$1", RelabelConfig.Action.REPLACE),
                new RelabelConfig(List.of(), ";", "(.*)", 0, "__address__", "exporter:9115", RelabelConfig.Action.REPLACE));
        var r = label(relabel, Map.of("module", List.of("http_2xx", "second")), Labels.of("__address__", "example.org:443"), Labels.EMPTY);
        ScrapeTarget t = assertInstanceOf(TargetLabeler.Kept.class, r).target();
        assertEquals("https://exporter:9115/metrics?module=http_2xx&module=second&target=example.org%3A443", t.url());
        assertEquals("exporter:9115", t.labels().get("instance"));
    }

    @Test
    void droppedAndInvalidTargetsSayWhy() {
        var drop = new RelabelConfig(List.of("__address__"), ";", "10\\..*", 0, null, "$1", RelabelConfig.Action.DROP);
        assertInstanceOf(TargetLabeler.Dropped.class, label(List.of(drop), Map.of(), Labels.of("__address__", "10.1.1.1:80"), Labels.EMPTY));
        var bad = label(List.of(), Map.of(), Labels.of("__address__", "http://x:80/metrics"), Labels.EMPTY);
        assertEquals(true, assertInstanceOf(TargetLabeler.Invalid.class, bad).reason().contains("without scheme or path"));
    }
}
