package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Real exporter payloads from {@code shared/fixtures/exposition}. */
class ExpositionPayloadTest {

    @TestFactory
    Stream<DynamicTest> everyPayloadYieldsOneSamplePerSampleLine() throws IOException {
        Path dir = SharedFixtures.require("exposition");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no payloads under " + dir);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            byte[] body = Files.readAllBytes(f);
            Parsed parsed = Parsed.drain(parserFor(f, body));
            assertEquals(sampleLines(body), parsed.samples().size());
        }));
    }

    /** Counted without the parser: lines that are neither blank nor comments. */
    private static long sampleLines(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .count();
    }

    private static Parser parserFor(Path file, byte[] body) {
        boolean openMetrics = file.getFileName().toString().endsWith(".om.txt");
        return ExpositionFormat.parserFor(openMetrics ? "application/openmetrics-text; version=1.0.0" : "text/plain; version=0.0.4",
                body, body.length);
    }

    private static Parsed payload(String name) throws IOException, ParseException {
        Path f = SharedFixtures.require("exposition/" + name);
        byte[] body = Files.readAllBytes(f);
        return Parsed.drain(parserFor(f, body));
    }

    private static Parsed.Sample find(Parsed parsed, String series) {
        return parsed.samples().stream().filter(s -> s.series().equals(series)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series));
    }

    @Test
    void kubeletCadvisorKeepsExplicitTimestampsAndDropsEmptyLabels() throws Exception {
        Parsed.Sample s = find(payload("kubelet_cadvisor.prom"),
                "container_cpu_usage_seconds_total{container=\"\",cpu=\"total\",id=\"/kubepods\",image=\"\",name=\"\",namespace=\"\",pod=\"\"}");
        assertEquals(32.254311, s.value());
        assertEquals(1782468875500L, s.timestamp());
        assertEquals(Labels.of("__name__", "container_cpu_usage_seconds_total", "cpu", "total", "id", "/kubepods"), s.labels());
    }

    @Test
    void nodeExporterValues() throws Exception {
        Parsed parsed = payload("node_exporter.prom");
        assertEquals(0.21, find(parsed, "node_load1").value());
        assertEquals(3.831959552e9, find(parsed, "node_memory_MemTotal_bytes").value());
        assertTrue(parsed.metadata().contains(new Parsed.Meta(Parser.Entry.TYPE, "node_arp_entries", "gauge")));
        assertTrue(parsed.metadata().contains(new Parsed.Meta(Parser.Entry.HELP, "node_arp_entries", "ARP entries by device")));
    }

    @Test
    void etcdExponentInLabelValueStaysText() throws Exception {
        Parsed.Sample s = find(payload("etcd.prom"), "etcd_debugging_lease_ttl_total_bucket{le=\"1.048576e+06\"}");
        assertEquals("1.048576e+06", s.labels().get("le"));
        assertEquals(19.0, s.value());
    }

    @Test
    void kubeStateMetricsManyLabels() throws Exception {
        Parsed.Sample s = payload("kube_state_metrics.prom").samples().stream()
                .filter(x -> x.series().startsWith("kube_pod_info{namespace=\"kube-system\",pod=\"kube-apiserver-"))
                .findFirst().orElseThrow();
        assertEquals("192.168.67.2", s.labels().get("pod_ip"));
        assertEquals("system-node-critical", s.labels().get("priority_class"));
        assertEquals(11, s.labels().size());
    }

    @Test
    void multiLineHelpIsUnescaped() throws Exception {
        String help = payload("kube_controller_manager.prom").metadata().stream()
                .filter(m -> m.family().equals("job_controller_job_pods_creation_total") && m.kind() == Parser.Entry.HELP)
                .findFirst().orElseThrow().text();
        assertTrue(help.contains("labelled with a reason for the Pod creation.\nThis metric also distinguishes"), help);
    }

    @Test
    void openMetricsPayloadCarriesExemplarsAndCreatedSeries() throws Exception {
        Parsed parsed = payload("prometheus_textparse_alltypes.5mfs.om.txt");
        List<Parsed.Sample> withExemplar = parsed.samples().stream().filter(s -> s.exemplar() != null).toList();
        assertEquals(6, withExemplar.size());
        Exemplar first = withExemplar.get(0).exemplar();
        assertEquals(Labels.of("dummyID", "17783"), first.labels);
        assertEquals(-0.0003825067330956884, first.value);
        assertEquals((long) (1.7268398142239082e+09 * 1000), first.timestampMillis);
        assertEquals(1.726839813016397e+09,
                find(parsed, "promhttp_metric_handler_errors_created{cause=\"encoding\"}").value());
    }
}
