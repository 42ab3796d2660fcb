package io.promrelay.scrape;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A set of series references with open addressing over a long[], so tracking the tens of thousands
 * of series of a cadvisor scrape costs no boxing. References are never 0, which marks a free slot.
 */
final class RefSet {
    private long[] slots = new long[64];
    private int size;

    void add(long ref) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(ref) & mask;
        while (slots[i] != 0) {
            if (slots[i] == ref) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = ref;
        size++;
    }

    boolean contains(long ref) {
        int mask = slots.length - 1;
        int i = mix(ref) & mask;
        while (slots[i] != 0) {
            if (slots[i] == ref) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    void forEach(LongConsumer action) {
        for (long ref : slots) {
            if (ref != 0) {
                action.accept(ref);
            }
        }
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long ref : old) {
            if (ref != 0) {
                add(ref);
            }
        }
    }

    private static int mix(long ref) {
        long h = ref * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
