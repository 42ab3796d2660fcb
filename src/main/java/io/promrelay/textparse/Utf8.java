package io.promrelay.textparse;

/** UTF-8 validity as Go's {@code utf8.Valid} sees it: no overlong forms, surrogates or code points past U+10FFFF. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int secondLow = 0x80;
            int secondHigh = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                continuation = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                continuation = 2;
                if (c == 0xe0) {
                    secondLow = 0xa0;
                } else if (c == 0xed) {
                    secondHigh = 0x9f;
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                continuation = 3;
                if (c == 0xf0) {
                    secondLow = 0x90;
                } else if (c == 0xf4) {
                    secondHigh = 0x8f;
                }
            } else {
                return false;
            }
            if (i + continuation >= to) {
                return false;
            }
            int second = b[i + 1] & 0xff;
            if (second < secondLow || second > secondHigh) {
                return false;
            }
            for (int k = 2; k <= continuation; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += continuation + 1;
        }
        return true;
    }
}
