package io.promrelay.model;

/** Escaping rules of the text exposition format, shared by every writer of label values and HELP. */
public final class LabelEscaping {
    private LabelEscaping() {
    }

    /** Escapes backslash, double quote and line feed, as label values require. */
    public static void escapeValue(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Escapes backslash and line feed, as HELP text requires. */
    public static void escapeHelp(String help, StringBuilder out) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
