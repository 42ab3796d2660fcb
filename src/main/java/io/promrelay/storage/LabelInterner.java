package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * Makes the series of the buffer share one String per distinct label name and value. Most of a
 * series' label strings ("job", "namespace", a node name) repeat across thousands of series, so
 * sharing them saves memory, and sorting series by labels mostly compares identical references.
 * Entries are weak: a string no live series uses any more can be collected. Not thread-safe; the
 * buffer calls it under its series-creation lock.
 */
final class LabelInterner {
    private final WeakHashMap<String, WeakReference<String>> strings = new WeakHashMap<>();

    Labels intern(Labels labels) {
        Labels.Builder b = new Labels.Builder();
        for (int i = 0; i < labels.size(); i++) {
            b.set(intern(labels.name(i)), intern(labels.value(i)));
        }
        return b.build();
    }

    private String intern(String s) {
        WeakReference<String> ref = strings.get(s);
        String shared = ref == null ? null : ref.get();
        if (shared == null) {
            strings.put(s, new WeakReference<>(s));
            shared = s;
        }
        return shared;
    }
}
