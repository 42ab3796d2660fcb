package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.RelabelConfig;
import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule chaining, the builder entry point and compile-time errors. */
class RelabelerTest {
    @Test
    void rulesApplyInOrderEachSeeingThePreviousResult() {
        // prometheus/prometheus issue 12283: a label dropped, re-created, then used by keep.
        Labels in = Labels.of("__meta_kubernetes_pod_container_port_name", "foo",
            "__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091");
        Labels out = apply(in,
            Rule.of(Action.LABELDROP).regex("^__meta_kubernetes_pod_container_port_name$"),
            Rule.of(Action.REPLACE).sources("__meta_kubernetes_pod_annotation_XXX_metrics_port").regex("(.+)")
                .target("__meta_kubernetes_pod_container_port_name").replacement("metrics"),
            Rule.of(Action.KEEP).sources("__meta_kubernetes_pod_container_port_name").regex("^metrics$"));
        assertEquals(Labels.of("__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091",
            "__meta_kubernetes_pod_container_port_name", "metrics"), out);
    }

    @Test
    void dropStopsTheChain() {
        Relabeler r = compile(
            Rule.of(Action.DROP).sources("a").regex(".*o.*"),
            Rule.of(Action.REPLACE).sources("a").regex("f(.*)").target("d").replacement("ch$1-ch$1"));
        Labels.Builder b = Labels.of("a", "foo").toBuilder();
        assertFalse(r.process(b));
        assertNull(b.get("d"));
        assertNull(r.process(Labels.of("a", "foo")));
    }

    @Test
    void builderVariantRelabelsInPlace() {
        Relabeler r = compile(Rule.of(Action.REPLACE).sources("a").target("b"), Rule.of(Action.LABELDROP).regex("a"));
        Labels.Builder b = Labels.of("a", "1").toBuilder();
        assertTrue(r.process(b));
        assertEquals(Labels.of("b", "1"), b.build());
    }

    @Test
    void inputLabelsAreNotChanged() {
        Labels in = Labels.of("a", "1");
        Labels out = apply(in, Rule.of(Action.REPLACE).sources("a").target("a").replacement("2"));
        assertEquals("1", in.get("a"));
        assertEquals("2", out.get("a"));
    }

    @Test
    void noRulesReturnTheSameSet() {
        Relabeler r = Relabeler.compile(List.of());
        Labels in = Labels.of("a", "1");
        assertTrue(r.isEmpty());
        assertSame(in, r.process(in));
        assertFalse(compile(Rule.of(Action.LABELDROP).regex("x")).isEmpty());
    }

    @Test
    void badRegexIsReportedWithItsTextAndRulePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(
            Rule.of(Action.LABELDROP).regex("ok"), Rule.of(Action.KEEP).sources("a").regex("(unclosed")));
        assertTrue(e.getMessage().contains("#2"), e.getMessage());
        assertTrue(e.getMessage().contains("\"(unclosed\""), e.getMessage());
    }

    @Test
    void actionsNeedingATargetRejectAMissingOne() {
        for (Action a : List.of(Action.REPLACE, Action.HASHMOD, Action.LOWERCASE, Action.UPPERCASE, Action.KEEPEQUAL,
                Action.DROPEQUAL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(Rule.of(a).sources("a").modulus(2)), a.name());
            assertTrue(e.getMessage().contains("target_label"), e.getMessage());
        }
    }

    @Test
    void staticTargetMustBeAValidLabelName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> compile(Rule.of(Action.REPLACE).sources("a").target("-label")));
        assertTrue(e.getMessage().contains("\"-label\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> compile(Rule.of(Action.LOWERCASE).sources("a").target("${1}")));
    }

    @Test
    void nullRuleIsRejected() {
        List<RelabelConfig> rules = Arrays.asList((RelabelConfig) null);
        assertThrows(IllegalArgumentException.class, () -> Relabeler.compile(rules));
    }

    private static Relabeler compile(Rule... rules) {
        return Relabeler.compile(Arrays.stream(rules).map(Rule::config).toList());
    }
}
