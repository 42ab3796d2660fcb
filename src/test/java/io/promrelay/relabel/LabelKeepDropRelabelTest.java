package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

class LabelKeepDropRelabelTest {
    private static final Labels IN = Labels.of("a", "foo", "b1", "bar", "b2", "baz");

    @Test
    void labelKeepRemovesLabelsWhoseNameDoesNotMatch() {
        assertEquals(Labels.of("b1", "bar", "b2", "baz"), apply(IN, Rule.of(Action.LABELKEEP).regex("(b.*)")));
    }

    @Test
    void labelDropRemovesLabelsWhoseNameMatches() {
        assertEquals(Labels.of("a", "foo"), apply(IN, Rule.of(Action.LABELDROP).regex("(b.*)")));
    }

    @Test
    void literalAlternativesMatchExactNames() {
        assertEquals(Labels.of("b1", "bar"), apply(IN, Rule.of(Action.LABELDROP).regex("a|b2|b")));
    }

    @Test
    void nameMustMatchWhole() {
        assertEquals(IN, apply(IN, Rule.of(Action.LABELDROP).regex("b")));
    }

    @Test
    void metricNameIsALabelLikeAnyOther() {
        Labels series = Labels.of("__name__", "up", "job", "node", "instance", "h:9100");
        assertEquals(Labels.of("job", "node"), apply(series, Rule.of(Action.LABELKEEP).regex("job")));
    }

    @Test
    void droppingEveryLabelLeavesAnEmptySetRatherThanDroppingIt() {
        assertEquals(Labels.EMPTY, apply(IN, Rule.of(Action.LABELDROP).regex(".*")));
    }
}
