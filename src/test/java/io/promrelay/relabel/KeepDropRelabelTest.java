package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

class KeepDropRelabelTest {
    private static final Labels FOO = Labels.of("a", "foo", "b", "bar");

    @Test
    void dropRemovesSetWhenRegexMatches() {
        assertNull(apply(FOO, Rule.of(Action.DROP).sources("a").regex(".*o.*")));
    }

    @Test
    void dropKeepsSetWhenRegexDoesNotMatchWholeValue() {
        assertEquals(FOO, apply(FOO, Rule.of(Action.DROP).sources("a").regex("no-match")));
        assertEquals(FOO, apply(FOO, Rule.of(Action.DROP).sources("a").regex("f|o")));
    }

    @Test
    void keepRemovesSetWhenRegexDoesNotMatch() {
        assertNull(apply(FOO, Rule.of(Action.KEEP).sources("a").regex("no-match")));
    }

    @Test
    void keepKeepsSetWhenRegexMatches() {
        assertEquals(FOO, apply(FOO, Rule.of(Action.KEEP).sources("a").regex("f.*")));
    }

    @Test
    void matchesJoinedSourcesWithSeparator() {
        assertEquals(FOO, apply(FOO, Rule.of(Action.KEEP).sources("a", "b").separator("/").regex("foo/bar")));
        assertNull(apply(FOO, Rule.of(Action.KEEP).sources("a", "b").regex("foo/bar")));
    }

    @Test
    void missingSourceLabelMatchesAsEmpty() {
        assertNull(apply(FOO, Rule.of(Action.DROP).sources("absent").regex("")));
        assertEquals(FOO, apply(FOO, Rule.of(Action.KEEP).sources("absent", "a").regex(";foo")));
    }

    @Test
    void defaultRegexMatchesEverything() {
        assertNull(apply(FOO, Rule.of(Action.DROP).sources("a")));
    }

    @Test
    void metricNameCanSelectSeries() {
        Labels series = Labels.of("__name__", "go_gc_duration_seconds", "quantile", "0.5");
        assertNull(apply(series, Rule.of(Action.DROP).sources("__name__").regex("go_.*")));
    }
}
