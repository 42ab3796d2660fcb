package io.promrelay.promql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** "Natural" string order, where runs of digits compare as numbers: a2 &lt; a10. Used by sort_by_label. */
final class NaturalOrder {
    private NaturalOrder() {
    }

    static int compare(String a, String b) {
        List<String> ca = chunks(a);
        List<String> cb = chunks(b);
        for (int i = 0; i < Math.min(ca.size(), cb.size()); i++) {
            String x = ca.get(i);
            String y = cb.get(i);
            int c = isDigits(x) && isDigits(y) ? new BigInteger(x).compareTo(new BigInteger(y)) : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ca.size(), cb.size());
    }

    private static List<String> chunks(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= s.length(); i++) {
            if (i == s.length() || Character.isDigit(s.charAt(i)) != Character.isDigit(s.charAt(start))) {
                out.add(s.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }
}
