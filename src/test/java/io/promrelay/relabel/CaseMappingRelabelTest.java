package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

class CaseMappingRelabelTest {
    private static String mapped(Action action, String value) {
        return apply(Labels.of("v", value), Rule.of(action).sources("v").target("out")).get("out");
    }

    @Test
    void writesUpperAndLowerCaseOfSourceToTarget() {
        Labels out = apply(Labels.of("foo", "bAr123Foo"),
            Rule.of(Action.UPPERCASE).sources("foo").target("foo_uppercase"),
            Rule.of(Action.LOWERCASE).sources("foo").target("foo_lowercase"));
        assertEquals(Labels.of("foo", "bAr123Foo", "foo_lowercase", "bar123foo", "foo_uppercase", "BAR123FOO"), out);
    }

    @Test
    void mapsEachCharacterOnItsOwnAsGoDoes() {
        assertEquals("STRAßE", mapped(Action.UPPERCASE, "straße"));
        assertEquals("σσ", mapped(Action.LOWERCASE, "ΣΣ"));
        assertEquals("i", mapped(Action.LOWERCASE, "I"));
    }

    @Test
    void joinsSourcesBeforeMapping() {
        Labels out = apply(Labels.of("a", "X", "b", "Y"), Rule.of(Action.LOWERCASE).sources("a", "b").target("ab"));
        assertEquals("x;y", out.get("ab"));
    }

    @Test
    void emptySourceDeletesTarget() {
        Labels out = apply(Labels.of("out", "old"), Rule.of(Action.LOWERCASE).sources("absent").target("out"));
        assertEquals(Labels.EMPTY, out);
    }
}
