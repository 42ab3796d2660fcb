package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

/** keepequal/dropequal compare the joined sources with another label's value (relabel_test.go cases). */
class EqualityRelabelTest {
    private static final Labels PORTS = Labels.of("__tmp_port", "1234", "__port1", "1234", "__port2", "5678");

    @Test
    void keepEqualKeepsWhenValuesAreEqual() {
        assertEquals(PORTS, apply(PORTS, Rule.of(Action.KEEPEQUAL).sources("__tmp_port").target("__port1")));
    }

    @Test
    void keepEqualDropsWhenValuesDiffer() {
        assertNull(apply(PORTS, Rule.of(Action.KEEPEQUAL).sources("__tmp_port").target("__port2")));
    }

    @Test
    void dropEqualDropsWhenValuesAreEqual() {
        assertNull(apply(PORTS, Rule.of(Action.DROPEQUAL).sources("__tmp_port").target("__port1")));
    }

    @Test
    void dropEqualKeepsWhenValuesDiffer() {
        assertEquals(PORTS, apply(PORTS, Rule.of(Action.DROPEQUAL).sources("__tmp_port").target("__port2")));
    }

    @Test
    void missingTargetEqualsMissingSource() {
        assertEquals(PORTS, apply(PORTS, Rule.of(Action.KEEPEQUAL).sources("absent").target("also_absent")));
    }

    @Test
    void comparesJoinedSources() {
        Labels in = Labels.of("a", "x", "b", "y", "ab", "x;y");
        assertEquals(in, apply(in, Rule.of(Action.KEEPEQUAL).sources("a", "b").target("ab")));
    }
}
