package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

/** Expected values follow prometheus/prometheus model/relabel/relabel_test.go and the relabel_config docs. */
class ReplaceRelabelTest {
    private static final Labels ABC = Labels.of("a", "foo", "b", "bar", "c", "baz");

    @Test
    void writesExpandedReplacementToTarget() {
        Labels out = apply(ABC, Rule.of(Action.REPLACE).sources("a").regex("f(.*)").target("d")
            .replacement("ch${1}-ch${1}"));
        assertEquals(Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "choo-choo"), out);
    }

    @Test
    void joinsSourcesWithSeparatorAndLaterRulesSeeEarlierResults() {
        Labels out = apply(ABC,
            Rule.of(Action.REPLACE).sources("a", "b").regex("f(.*);(.*)r").target("a").replacement("b${1}${2}m"),
            Rule.of(Action.REPLACE).sources("c", "a").regex("(b).*b(.*)ba(.*)").target("d")
                .replacement("$1$2$2$3"));
        assertEquals(Labels.of("a", "boobam", "b", "bar", "c", "baz", "d", "boooom"), out);
    }

    @Test
    void regexIsAnchoredAtBothEnds() {
        Labels in = Labels.of("a", "abc");
        assertEquals(Labels.of("a", "abc", "d", "b"),
            apply(in, Rule.of(Action.REPLACE).sources("a").regex(".*(b).*").target("d")));
        assertEquals(in, apply(in, Rule.of(Action.REPLACE).sources("a").regex("b").target("d").replacement("x")));
    }

    @Test
    void leavesLabelsAloneWhenRegexDoesNotMatch() {
        Labels in = Labels.of("a", "boo");
        assertEquals(in, apply(in, Rule.of(Action.REPLACE).sources("a").regex("f").target("b").replacement("bar")));
    }

    @Test
    void defaultsCopySourceValueToTarget() {
        Labels out = apply(Labels.of("a", "foo"), Rule.of(null).sources("a").target("copy"));
        assertEquals(Labels.of("a", "foo", "copy", "foo"), out);
    }

    @Test
    void missingSourceWithDefaultReplacementDeletesTarget() {
        Labels out = apply(Labels.of("job", "node", "a", "x"), Rule.of(Action.REPLACE).sources("absent").target("job"));
        assertEquals(Labels.of("a", "x"), out);
    }

    @Test
    void missingSourceWithStaticReplacementSetsTarget() {
        Labels out = apply(Labels.of("a", "x"), Rule.of(Action.REPLACE).sources("absent").target("env").replacement("prod"));
        assertEquals(Labels.of("a", "x", "env", "prod"), out);
    }

    @Test
    void emptyReplacementDeletesTarget() {
        Labels out = apply(ABC, Rule.of(Action.REPLACE).sources("a").target("b").replacement(""));
        assertEquals(Labels.of("a", "foo", "c", "baz"), out);
    }

    @Test
    void explicitEmptySeparatorConcatenates() {
        Labels out = apply(ABC, Rule.of(Action.REPLACE).sources("a", "b").separator("").target("ab"));
        assertEquals("foobar", out.get("ab"));
    }

    @Test
    void targetLabelCanBeTemplated() {
        Labels out = apply(Labels.of("a", "some-name-value"), Rule.of(Action.REPLACE).sources("a")
            .regex("some-([^-]+)-([^,]+)").target("${1}").replacement("${2}"));
        assertEquals(Labels.of("a", "some-name-value", "name", "value"), out);
    }

    @Test
    void replacementNamingAbsentGroupDeletesTheTemplatedTarget() {
        Labels in = Labels.of("a", "some-name-value", "name", "old");
        Labels out = apply(in, Rule.of(Action.REPLACE).sources("a").regex("some-([^-]+)-([^,]+)")
            .target("${1}").replacement("${3}"));
        assertEquals(Labels.of("a", "some-name-value"), out);
    }

    @Test
    void targetExpandingToInvalidNameIsSkipped() {
        Labels in = Labels.of("a", "some-name-0");
        assertEquals(in, apply(in,
            Rule.of(Action.REPLACE).sources("a").regex("some-([^-]+)-([^,]+)").target("${3}").replacement("${1}"),
            Rule.of(Action.REPLACE).sources("a").regex("some-([^-]+)-([^,]+)").target("${2}").replacement("${1}"),
            Rule.of(Action.REPLACE).sources("a").regex("some-([^-]+)(-[^,]+)").target("${2}").replacement("${1}"),
            Rule.of(Action.REPLACE).sources("a").regex("(.*)").target("x${1}").replacement("y")));
    }

    @Test
    void extractsTagsFromServiceDiscoveryMetadata() {
        Labels in = Labels.of("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar");
        Labels out = apply(in,
            Rule.of(Action.REPLACE).sources("__meta_sd_tags").regex("(?:.+,|^)path:(/[^,]+).*")
                .target("__metrics_path__").replacement("${1}"),
            Rule.of(Action.REPLACE).sources("__meta_sd_tags").regex("(?:.+,|^)job:([^,]+).*")
                .target("job").replacement("${1}"),
            Rule.of(Action.REPLACE).sources("__meta_sd_tags").regex("(?:.+,|^)label:([^=]+)=([^,]+).*")
                .target("${1}").replacement("${2}"));
        assertEquals(Labels.of("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar",
            "__metrics_path__", "/secret", "job", "some-job", "foo", "bar"), out);
    }

    @Test
    void metricNameIsRelabeledLikeAnyLabel() {
        Labels in = Labels.of("__name__", "http_requests_total", "code", "200");
        Labels out = apply(in, Rule.of(Action.REPLACE).sources("__name__").regex("http_(.*)")
            .target("__name__").replacement("web_$1"));
        assertEquals("web_requests_total", out.metricName());
    }

    @Test
    void namedGroupsWorkInTargetAndReplacement() {
        Labels out = apply(Labels.of("addr", "10.0.0.1:9100"), Rule.of(Action.REPLACE).sources("addr")
            .regex("(?P<host>[^:]+):(?P<port_no>\\d+)").target("port").replacement("$port_no on ${host}"));
        assertEquals("9100 on 10.0.0.1", out.get("port"));
    }

    @Test
    void ungreedyFlagMakesCaptureGroupsTakeAsLittleAsGoDoes() {
        Labels out = apply(Labels.of("path", "/a/b/c"), Rule.of(Action.REPLACE).sources("path")
            .regex("(?U)/(.+)/(.*)").target("first").replacement("$1"));
        assertEquals("a", out.get("first"));
    }
}
