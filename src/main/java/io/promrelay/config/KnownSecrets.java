package io.promrelay.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every credential value the relay has handled: inline secrets of the config, the contents of credentials files
 * as last read, the encodings sent in Authorization headers, passwords in URLs. Text that comes from outside (a
 * peer's error body echoed into an exception, a library's log line) passes through {@link #redact} before a user
 * sees it, so a server that echoes request headers cannot make the relay print a token.
 */
public final class KnownSecrets {
    public static final String PLACEHOLDER = "<secret>";
    /** Shorter values are too likely to occur by chance; redacting them would garble every log line. */
    static final int MIN_LENGTH = 4;
    /** Rotated token files add a value per rotation; the oldest are forgotten past this many. */
    private static final int MAX_REMEMBERED = 1024;

    private static final Map<String, Boolean> VALUES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /**
     * The remembered values, longest first so that a secret containing another is replaced whole; rebuilt only when
     * a new value arrives (credentials are registered at every request, log lines read this without a lock).
     */
    private static volatile List<String> longestFirst = List.of();

    private KnownSecrets() {
    }

    /** Remembers {@code value} (and its trimmed form) as a secret; null and short values are ignored. */
    public static void register(String value) {
        if (value == null) {
            return;
        }
        synchronized (VALUES) {
            boolean added = false;
            for (String v : List.of(value, value.trim())) {
                if (v.length() >= MIN_LENGTH) {
                    added |= VALUES.put(v, Boolean.TRUE) == null;
                }
            }
            if (added) {
                List<String> sorted = new ArrayList<>(VALUES.keySet());
                sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
                longestFirst = List.copyOf(sorted);
            }
        }
    }

    /** {@code text} with every remembered secret replaced by {@value #PLACEHOLDER}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : longestFirst) {
            if (result.contains(secret)) {
                result = result.replace(secret, PLACEHOLDER);
            }
        }
        return result;
    }
}
