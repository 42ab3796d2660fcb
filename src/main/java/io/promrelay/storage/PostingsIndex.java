package io.promrelay.storage;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The inverted index: label name → label value → postings. It changes only when series are
 * created or removed, so its lock never stands in the way of appends to existing series.
 */
final class PostingsIndex {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TreeMap<String, LongList>> byName = new HashMap<>();

    void add(long ref, Labels labels) {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < labels.size(); i++) {
                byName.computeIfAbsent(labels.name(i), n -> new TreeMap<>())
                        .computeIfAbsent(labels.value(i), v -> new LongList())
                        .add(ref);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a batch of series, rewriting each affected postings list once. */
    void removeAll(Collection<MemSeries> series) {
        long[] gone = series.stream().mapToLong(s -> s.ref).sorted().toArray();
        lock.writeLock().lock();
        try {
            Set<LongList> rewritten = Collections.newSetFromMap(new IdentityHashMap<>());
            for (MemSeries s : series) {
                for (int i = 0; i < s.labels.size(); i++) {
                    TreeMap<String, LongList> values = byName.get(s.labels.name(i));
                    LongList list = values == null ? null : values.get(s.labels.value(i));
                    if (list == null || !rewritten.add(list)) {
                        continue;
                    }
                    list.removeAll(gone);
                    if (list.isEmpty()) {
                        values.remove(s.labels.value(i));
                        if (values.isEmpty()) {
                            byName.remove(s.labels.name(i));
                        }
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * References of the series matching all matchers, in increasing order. Matchers that do not
     * match "" select postings and are intersected; matchers that match "" (and so also series
     * without the label) subtract the postings of the values they reject.
     *
     * @throws IllegalArgumentException when every matcher matches the empty string
     */
    long[] select(List<Matcher> matchers) {
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw new IllegalArgumentException("at least one matcher must not match the empty string: " + matchers);
        }
        lock.readLock().lock();
        try {
            long[] result = null;
            for (Matcher m : matchers) {
                if (!m.matchesEmpty()) {
                    long[] selected = m.type() == Matcher.Type.EQUAL ? postings(m.name(), m.value()) : union(m.name(), m::matches);
                    result = result == null ? selected : Postings.intersect(result, selected);
                }
            }
            for (Matcher m : matchers) {
                if (m.matchesEmpty() && result.length > 0) {
                    long[] rejected = m.type() == Matcher.Type.NOT_EQUAL
                            ? postings(m.name(), m.value()) : union(m.name(), v -> !m.matches(v));
                    result = Postings.subtract(result, rejected);
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    private long[] postings(String name, String value) {
        TreeMap<String, LongList> values = byName.get(name);
        LongList list = values == null ? null : values.get(value);
        return list == null ? Postings.NONE : list.toArray();
    }

    /** The union over the values of one label name that pass the test; those postings are disjoint. */
    private long[] union(String name, Predicate<String> valueTest) {
        TreeMap<String, LongList> values = byName.get(name);
        if (values == null) {
            return Postings.NONE;
        }
        List<LongList> lists = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, LongList> e : values.entrySet()) {
            if (valueTest.test(e.getKey())) {
                lists.add(e.getValue());
                total += e.getValue().size();
            }
        }
        long[] out = new long[total];
        int offset = 0;
        for (LongList list : lists) {
            offset = list.copyTo(out, offset);
        }
        if (lists.size() > 1) {
            Arrays.sort(out);
        }
        return out;
    }

    List<String> labelValues(String name) {
        lock.readLock().lock();
        try {
            TreeMap<String, LongList> values = byName.get(name);
            return values == null ? List.of() : List.copyOf(values.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    List<String> labelNames() {
        lock.readLock().lock();
        try {
            return byName.keySet().stream().sorted().toList();
        } finally {
            lock.readLock().unlock();
        }
    }
}
