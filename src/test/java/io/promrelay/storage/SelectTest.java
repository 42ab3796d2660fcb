package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.Matcher.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SelectTest {
    private static final long T0 = 1_700_000_000_000L;

    private static Head headWith(List<Labels> series) throws StorageException {
        Head head = new Head(new HeadOptions(Duration.ofHours(1), 1_000_000, () -> T0));
        Appender app = head.appender();
        for (Labels labels : series) {
            app.append(0, labels, T0, 1);
        }
        app.commit();
        return head;
    }

    private static Matcher m(String name, Type type, String value) {
        return Matcher.of(type, name, value);
    }

    private static List<Labels> select(Head head, Matcher... matchers) {
        List<Labels> out = new ArrayList<>();
        for (long ref : head.querier().select(List.of(matchers))) {
            out.add(head.querier().labels(ref));
        }
        return out;
    }

    /** What Prometheus answers, by testing every series against every matcher. */
    private static List<Labels> bruteForce(List<Labels> series, Matcher... matchers) {
        TreeSet<Labels> out = new TreeSet<>();
        for (Labels labels : series) {
            boolean all = true;
            for (Matcher matcher : matchers) {
                all &= matcher.matches(Objects.requireNonNullElse(labels.get(matcher.name()), ""));
            }
            if (all) {
                out.add(labels);
            }
        }
        return List.copyOf(out);
    }

    @Test
    void smallIndexAnswersEachMatcherType() throws StorageException {
        Labels a = Labels.of("__name__", "http_requests_total", "code", "200", "path", "/");
        Labels b = Labels.of("__name__", "http_requests_total", "code", "500", "path", "/");
        Labels c = Labels.of("__name__", "http_requests_total", "code", "200");
        Labels d = Labels.of("__name__", "up", "job", "api");
        Head head = headWith(List.of(d, c, b, a));

        assertEquals(List.of(c, a, b), select(head, m("__name__", Type.EQUAL, "http_requests_total")));
        assertEquals(List.of(b), select(head, m("__name__", Type.EQUAL, "http_requests_total"), m("code", Type.NOT_EQUAL, "200")));
        assertEquals(List.of(c, a), select(head, m("code", Type.REGEX, "2.."), m("__name__", Type.REGEX, "http_.*")));
        assertEquals(List.of(c), select(head, m("__name__", Type.EQUAL, "http_requests_total"), m("path", Type.EQUAL, "")));
        assertEquals(List.of(c, d), select(head, m("__name__", Type.REGEX, ".+"), m("path", Type.NOT_REGEX, ".+")));
        assertEquals(List.of(b, d), select(head, m("__name__", Type.REGEX, ".+"), m("code", Type.NOT_EQUAL, "200")),
                "a series without the label matches !=");
        assertEquals(List.of(), select(head, m("__name__", Type.EQUAL, "nope")));
        assertEquals(List.of(), select(head, m("job", Type.EQUAL, "api"), m("code", Type.EQUAL, "200")));
        assertEquals(List.of("__name__", "code", "job", "path"), head.querier().labelNames());
        assertEquals(List.of("200", "500"), head.querier().labelValues("code"));
        assertEquals(List.of(), head.querier().labelValues("missing"));
    }

    @Test
    void matchersThatAllMatchEmptyAreRefused() throws StorageException {
        Head head = headWith(List.of(Labels.of("__name__", "up")));
        assertThrows(IllegalArgumentException.class, () -> head.querier().select(List.of(m("job", Type.EQUAL, ""))));
        assertThrows(IllegalArgumentException.class, () -> head.querier().select(List.of(m("__name__", Type.REGEX, ".*"))));
        assertThrows(IllegalArgumentException.class,
                () -> head.querier().select(List.of(m("__name__", Type.NOT_EQUAL, "up"), m("job", Type.NOT_REGEX, "x"))));
        assertThrows(IllegalArgumentException.class, () -> head.querier().select(List.of()));
    }

    @Test
    void realPayloadsAgreeWithTestingEverySeries() throws StorageException {
        List<Labels> series = new ArrayList<>();
        for (String file : List.of("node_exporter.prom", "kubelet_cadvisor.prom")) {
            FixtureSeries.load(file).forEach(s -> series.add(s.labels()));
        }
        Head head = headWith(series);
        Matcher[][] cases = {
            {m("__name__", Type.EQUAL, "node_cpu_seconds_total")},
            {m("__name__", Type.EQUAL, "node_cpu_seconds_total"), m("mode", Type.NOT_EQUAL, "idle")},
            {m("__name__", Type.REGEX, "node_network_.*_total"), m("device", Type.NOT_REGEX, "lo|eth.*")},
            {m("__name__", Type.REGEX, "node_.*"), m("device", Type.EQUAL, "")},
            {m("__name__", Type.REGEX, "container_.*"), m("container", Type.EQUAL, ""), m("image", Type.NOT_EQUAL, "")},
            {m("namespace", Type.REGEX, "kube-.*"), m("pod", Type.NOT_REGEX, ".*-[0-9]+|")},
            {m("__name__", Type.REGEX, "node_md_.*"), m("device", Type.REGEX, "|md[0-4]")},
            {m("cpu", Type.REGEX, ".+"), m("__name__", Type.NOT_REGEX, "node_cpu_.*")},
            {m("cpu", Type.NOT_EQUAL, "")},
            {m("__name__", Type.REGEX, "(?i)NODE_LOAD.*")},
        };
        for (Matcher[] matchers : cases) {
            List<Labels> expected = bruteForce(series, matchers);
            assertFalse(expected.isEmpty(), "the payloads have series for " + List.of(matchers));
            assertEquals(expected, select(head, matchers), List.of(matchers).toString());
        }
        assertEquals(bruteForce(series, m("__name__", Type.REGEX, ".+")).stream().map(Labels::metricName).distinct().sorted().toList(),
                head.querier().labelValues("__name__"));
        assertTrue(head.querier().labelNames().contains("container"));
    }

    @Test
    void resultIsInPrometheusOrderNotCreationOrder() throws StorageException {
        List<Labels> series = new ArrayList<>();
        for (int i = 30; i >= 0; i--) {
            series.add(Labels.of("__name__", i % 2 == 0 ? "b" : "a", "i", Integer.toString(i)));
        }
        Head head = headWith(series);
        long[] refs = head.querier().select(List.of(m("i", Type.REGEX, ".+")));
        List<Labels> got = new ArrayList<>();
        for (long ref : refs) {
            got.add(head.querier().labels(ref));
        }
        assertEquals(new ArrayList<>(new TreeSet<>(series)), got);
        assertArrayEquals(refs, head.querier().select(List.of(m("i", Type.REGEX, ".+"), m("x", Type.NOT_EQUAL, "y"))));
    }
}
