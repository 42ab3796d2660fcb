package io.promrelay.scrape;

import io.promrelay.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Remembers, per exact series text a target sent, what that series became: its buffer reference
 * and final labels, or that metric relabeling dropped it. A hit on the next scrape skips label
 * parsing, relabeling and index lookups entirely. Lookups reuse one probe key, so a hit allocates
 * nothing.
 */
final class ScrapeCache {
    /** What a series text maps to; {@code labels == null} means metric relabeling dropped it. */
    static final class Entry {
        long ref;
        final Labels labels;
        long lastSeenScrape;

        Entry(long ref, Labels labels) {
            this.ref = ref;
            this.labels = labels;
        }

        boolean dropped() {
            return labels == null;
        }
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    private final Key probe = new Key();

    Entry get(byte[] buf, int offset, int length) {
        probe.set(buf, offset, length);
        return entries.get(probe);
    }

    Entry put(byte[] buf, int offset, int length, long ref, Labels labels) {
        Key key = new Key();
        key.set(Arrays.copyOfRange(buf, offset, offset + length), 0, length);
        Entry entry = new Entry(ref, labels);
        entries.put(key, entry);
        return entry;
    }

    /** Forgets series not seen since the given scrape, so the cache tracks what the target serves now. */
    void evictUnseenSince(long scrapeNumber) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            if (it.next().lastSeenScrape < scrapeNumber) {
                it.remove();
            }
        }
    }

    int size() {
        return entries.size();
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final class Key {
        private byte[] buf;
        private int offset;
        private int length;
        private int hash;

        void set(byte[] buf, int offset, int length) {
            this.buf = buf;
            this.offset = offset;
            this.length = length;
            this.hash = hash(buf, offset, length);
        }

        /**
         * Every sample of every scrape is looked up here, and cAdvisor series texts run to hundreds
         * of bytes, so the hash reads eight bytes per step instead of one.
         */
        private static int hash(byte[] buf, int offset, int length) {
            long h = length * 0x9E3779B97F4A7C15L;
            int i = offset;
            int end = offset + length;
            for (; i + 8 <= end; i += 8) {
                h = (h ^ (long) LONGS.get(buf, i)) * 0xC2B2AE3D27D4EB4FL;
                h ^= h >>> 29;
            }
            for (; i < end; i++) {
                h = (h ^ buf[i]) * 0x9E3779B97F4A7C15L;
            }
            h ^= h >>> 32;
            return (int) h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash
                    && Arrays.equals(buf, offset, offset + length, k.buf, k.offset, k.offset + k.length);
        }
    }
}
