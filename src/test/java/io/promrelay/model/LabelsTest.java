package io.promrelay.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void sortsByNameDropsEmptyValuesAndLastSetWins() {
        Labels l = Labels.of("job", "node", "__name__", "up", "empty", "", "job", "api");
        assertEquals(2, l.size());
        assertEquals("__name__", l.name(0));
        assertEquals("api", l.get("job"));
        assertNull(l.get("empty"));
        assertEquals("up{job=\"api\"}", l.toString());
    }

    @Test
    void equalityAndOrderFollowPrometheus() {
        Labels a = Labels.of("__name__", "up", "job", "a");
        Labels b = Labels.of("job", "a", "__name__", "up");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(Labels.of("a", "1").compareTo(Labels.of("a", "1", "b", "2")) < 0);
        assertTrue(Labels.of("a", "2").compareTo(Labels.of("a", "10")) > 0);
        assertFalse(a.equals(Labels.of("__name__", "up")));
    }

    @Test
    void escapesValuesInItsTextForm() {
        assertEquals("{path=\"C:\\\\x \\\"q\\\" \\n\"}", Labels.of("path", "C:\\x \"q\" \n").toString());
    }

    @Test
    void builderDeletesAndRebuilds() {
        Labels.Builder b = Labels.of("a", "1", "b", "2").toBuilder();
        b.delete("a").set("c", "3");
        assertEquals(Labels.of("b", "2", "c", "3"), b.build());
    }
}
