package io.promrelay.textparse;

import java.nio.charset.StandardCharsets;

/**
 * Undoes exposition escaping the way Prometheus's string replacers do: left to right, {@code \\}
 * and {@code \n} always, {@code \"} where quotes are escaped; any other backslash stays as sent.
 */
final class Escapes {
    private Escapes() {
    }

    static String unescape(byte[] b, int from, int to, boolean quotesEscaped) {
        int firstBackslash = indexOfBackslash(b, from, to);
        if (firstBackslash < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = firstBackslash - from;
        System.arraycopy(b, from, out, 0, n);
        int i = firstBackslash;
        while (i < to) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                byte escaped = b[i + 1];
                if (escaped == '\\' || (escaped == '"' && quotesEscaped)) {
                    out[n++] = escaped;
                    i += 2;
                    continue;
                }
                if (escaped == 'n') {
                    out[n++] = '\n';
                    i += 2;
                    continue;
                }
            }
            out[n++] = c;
            i++;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int indexOfBackslash(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return i;
            }
        }
        return -1;
    }
}
