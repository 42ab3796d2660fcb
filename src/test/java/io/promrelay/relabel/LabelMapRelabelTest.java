package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

class LabelMapRelabelTest {
    @Test
    void copiesMatchingLabelsToExpandedNames() {
        Labels out = apply(Labels.of("a", "foo", "b1", "bar", "b2", "baz"),
            Rule.of(Action.LABELMAP).regex("(b.*)").replacement("bar_${1}"));
        assertEquals(Labels.of("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"), out);
    }

    @Test
    void mapsServiceDiscoveryMetaLabels() {
        Labels in = Labels.of("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc");
        Labels out = apply(in, Rule.of(Action.LABELMAP).regex("__meta_(my.*)").replacement("${1}"));
        assertEquals(Labels.of("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc",
            "my_bar", "aaa", "my_baz", "bbb"), out);
    }

    @Test
    void defaultReplacementCopiesToFirstGroup() {
        Labels out = apply(Labels.of("__meta_x", "1"), Rule.of(Action.LABELMAP).regex("__meta_(.*)"));
        assertEquals(Labels.of("__meta_x", "1", "x", "1"), out);
    }

    @Test
    void laterNameWinsWhenTwoLabelsMapToOneName() {
        Labels in = Labels.of("zz_target", "from_z", "aa_target", "from_a");
        Labels out = apply(in, Rule.of(Action.LABELMAP).regex("[a-z]{2}_(.*)").replacement("$1"));
        assertEquals("from_z", out.get("target"));
    }

    @Test
    void readsLabelsAsTheyWereBeforeTheRule() {
        Labels in = Labels.of("a", "1", "b", "2");
        Labels out = apply(in, Rule.of(Action.LABELMAP).regex("(.*)").replacement("${1}_x"));
        assertEquals(Labels.of("a", "1", "b", "2", "a_x", "1", "b_x", "2"), out);
    }
}
