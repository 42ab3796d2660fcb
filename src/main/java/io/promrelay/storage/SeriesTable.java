package io.promrelay.storage;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Series by reference. References are handed out in increasing order and never reused, so a
 * reference is an index into pages of slots: lookups are two array reads without a lock, the
 * walk in reference order is a scan, and a page whose series are all gone is freed.
 *
 * <p>Reads may run at any time; writes ({@link #put}, {@link #remove}) must be serialised by the caller.
 */
final class SeriesTable {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int SLOT_MASK = PAGE_SIZE - 1;

    private volatile AtomicReferenceArray<AtomicReferenceArray<MemSeries>> pages = new AtomicReferenceArray<>(16);
    private int[] livePerPage = new int[16];
    private long highestRef;

    MemSeries get(long ref) {
        if (ref <= 0) {
            return null;
        }
        AtomicReferenceArray<AtomicReferenceArray<MemSeries>> directory = pages;
        long page = ref >>> PAGE_BITS;
        if (page >= directory.length()) {
            return null;
        }
        AtomicReferenceArray<MemSeries> slots = directory.get((int) page);
        return slots == null ? null : slots.get((int) (ref & SLOT_MASK));
    }

    /** Adds a series whose reference is higher than any added before. */
    void put(MemSeries series) {
        int page = (int) (series.ref >>> PAGE_BITS);
        AtomicReferenceArray<AtomicReferenceArray<MemSeries>> directory = pages;
        if (page >= directory.length()) {
            directory = grow(directory, page + 1);
        }
        AtomicReferenceArray<MemSeries> slots = directory.get(page);
        if (slots == null) {
            slots = new AtomicReferenceArray<>(PAGE_SIZE);
            directory.set(page, slots);
        }
        slots.set((int) (series.ref & SLOT_MASK), series);
        livePerPage[page]++;
        highestRef = Math.max(highestRef, series.ref);
    }

    void remove(MemSeries series) {
        int page = (int) (series.ref >>> PAGE_BITS);
        AtomicReferenceArray<AtomicReferenceArray<MemSeries>> directory = pages;
        AtomicReferenceArray<MemSeries> slots = directory.get(page);
        if (slots == null || !slots.compareAndSet((int) (series.ref & SLOT_MASK), series, null)) {
            return;
        }
        // A page is freed only once every reference in it was handed out; until then new series still land in it.
        if (--livePerPage[page] == 0 && (highestRef >>> PAGE_BITS) > page) {
            directory.set(page, null);
        }
    }

    /** Up to {@code max} references of live series above {@code after}, in increasing order. */
    long[] refsAfter(long after, int max) {
        long[] out = new long[Math.min(max, 1024)];
        int n = 0;
        AtomicReferenceArray<AtomicReferenceArray<MemSeries>> directory = pages;
        long ref = Math.max(after + 1, 1);
        while (n < max && (ref >>> PAGE_BITS) < directory.length()) {
            int page = (int) (ref >>> PAGE_BITS);
            AtomicReferenceArray<MemSeries> slots = directory.get(page);
            for (int slot = (int) (ref & SLOT_MASK); slots != null && slot < PAGE_SIZE && n < max; slot++) {
                MemSeries series = slots.get(slot);
                if (series != null && !series.isRemoved()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, (int) Math.min((long) max, 2L * n));
                    }
                    out[n++] = series.ref;
                }
            }
            ref = (long) (page + 1) << PAGE_BITS;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private AtomicReferenceArray<AtomicReferenceArray<MemSeries>> grow(
            AtomicReferenceArray<AtomicReferenceArray<MemSeries>> directory, int minLength) {
        int length = Math.max(minLength, directory.length() * 2);
        AtomicReferenceArray<AtomicReferenceArray<MemSeries>> bigger = new AtomicReferenceArray<>(length);
        for (int i = 0; i < directory.length(); i++) {
            bigger.set(i, directory.get(i));
        }
        livePerPage = Arrays.copyOf(livePerPage, length);
        pages = bigger;
        return bigger;
    }
}
