package io.promrelay.promql;

/** One lexical token: its kind, its text as written, and where it starts in the query. */
record Token(Kind kind, String text, int pos) {
    enum Kind {
        EOF, IDENTIFIER, NUMBER, STRING, DURATION,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET,
        COMMA, COLON, AT, ASSIGN, EQLC, NEQ, EQL_REGEX, NEQ_REGEX,
        ADD, SUB, MUL, DIV, MOD, POW, GTR, LSS, GTE, LTE
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** True for an identifier spelled {@code word}, ignoring case as Prometheus does for keywords. */
    boolean isKeyword(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** How Prometheus names the token in "unexpected ..." messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case IDENTIFIER -> "identifier \"" + text + "\"";
            case NUMBER -> "number \"" + text + "\"";
            case STRING -> "string " + text;
            case DURATION -> "duration \"" + text + "\"";
            default -> "\"" + text + "\"";
        };
    }
}
