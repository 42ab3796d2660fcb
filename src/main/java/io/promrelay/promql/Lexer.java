package io.promrelay.promql;

import io.promrelay.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a PromQL query into tokens; {@code #} starts a comment that runs to the end of the line. */
final class Lexer {
    private final String in;
    private int pos;
    /** Inside [...] a ':' separates a subquery's range and step, it never starts a metric name. */
    private int bracketDepth;

    private Lexer(String input) {
        this.in = input;
    }

    static List<Token> tokenize(String input) {
        Lexer l = new Lexer(input);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = l.next();
            tokens.add(t);
        } while (!t.is(Kind.EOF));
        return tokens;
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= in.length()) {
            return new Token(Kind.EOF, "", pos);
        }
        int start = pos;
        char c = in.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1)))) {
            return number();
        }
        if (isNameStart(c) && !(c == ':' && bracketDepth > 0)) {
            while (pos < in.length() && (isNameStart(in.charAt(pos)) || isDigit(in.charAt(pos)))) {
                pos++;
            }
            String word = in.substring(start, pos);
            boolean special = word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan");
            return new Token(special ? Kind.NUMBER : Kind.IDENTIFIER, word, start);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return string();
        }
        pos++;
        String two = pos < in.length() ? in.substring(start, pos + 1) : "";
        Kind twoKind = switch (two) {
            case "==" -> Kind.EQLC;
            case "!=" -> Kind.NEQ;
            case "=~" -> Kind.EQL_REGEX;
            case "!~" -> Kind.NEQ_REGEX;
            case ">=" -> Kind.GTE;
            case "<=" -> Kind.LTE;
            default -> null;
        };
        if (twoKind != null) {
            pos++;
            return new Token(twoKind, two, start);
        }
        if (c == '[') {
            bracketDepth++;
        } else if (c == ']' && bracketDepth > 0) {
            bracketDepth--;
        }
        Kind kind = switch (c) {
            case '(' -> Kind.LEFT_PAREN;
            case ')' -> Kind.RIGHT_PAREN;
            case '{' -> Kind.LEFT_BRACE;
            case '}' -> Kind.RIGHT_BRACE;
            case '[' -> Kind.LEFT_BRACKET;
            case ']' -> Kind.RIGHT_BRACKET;
            case ',' -> Kind.COMMA;
            case ':' -> Kind.COLON;
            case '@' -> Kind.AT;
            case '=' -> Kind.ASSIGN;
            case '+' -> Kind.ADD;
            case '-' -> Kind.SUB;
            case '*' -> Kind.MUL;
            case '/' -> Kind.DIV;
            case '%' -> Kind.MOD;
            case '^' -> Kind.POW;
            case '>' -> Kind.GTR;
            case '<' -> Kind.LSS;
            default -> throw new ParseException(in, start, "unexpected character: '" + c + "'");
        };
        return new Token(kind, String.valueOf(c), start);
    }

    private void skipSpaceAndComments() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '#') {
                while (pos < in.length() && in.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    /** A number ({@code 1}, {@code 0x1f}, {@code 1.5e-3}, {@code .5}) or a duration ({@code 1h30m}). */
    private Token number() {
        int start = pos;
        if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
            pos += 2;
            while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
                pos++;
            }
            return finishNumber(start);
        }
        skipDigits();
        if (pos < in.length() && isDurationUnit(in.charAt(pos))) {
            return duration(start);
        }
        if (pos < in.length() && in.charAt(pos) == '.') {
            pos++;
            skipDigits();
        }
        if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
            int mark = pos++;
            if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < in.length() && isDigit(in.charAt(pos))) {
                skipDigits();
            } else {
                pos = mark;
            }
        }
        return finishNumber(start);
    }

    private Token finishNumber(int start) {
        if (pos < in.length() && (isNameStart(in.charAt(pos)) || isDigit(in.charAt(pos)))) {
            throw new ParseException(in, start, "bad number or duration syntax: \"" + in.substring(start, pos + 1) + "\"");
        }
        return new Token(Kind.NUMBER, in.substring(start, pos), start);
    }

    private Token duration(int start) {
        pos = start;
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            skipDigits();
            if (in.startsWith("ms", pos)) {
                pos += 2;
            } else if (pos < in.length() && isDurationUnit(in.charAt(pos))) {
                pos++;
            } else {
                throw new ParseException(in, start, "bad number or duration syntax: \"" + in.substring(start, pos) + "\"");
            }
        }
        if (pos < in.length() && in.charAt(pos) != ':' && (isNameStart(in.charAt(pos)) || in.charAt(pos) == '.')) {
            throw new ParseException(in, start, "bad number or duration syntax: \"" + in.substring(start, pos + 1) + "\"");
        }
        return new Token(Kind.DURATION, in.substring(start, pos), start);
    }

    private void skipDigits() {
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
    }

    /** A quoted string: its token text is the decoded value. */
    private Token string() {
        int start = pos;
        char quote = in.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, sb.toString(), start);
            }
            if (c == '\\' && quote != '`') {
                escape(sb, quote, start);
            } else if (c == '\n' && quote != '`') {
                break;
            } else {
                sb.append(c);
            }
        }
        throw new ParseException(in, start, "unterminated quoted string " + quote);
    }

    private void escape(StringBuilder sb, char quote, int start) {
        if (pos >= in.length()) {
            throw new ParseException(in, start, "escape sequence not terminated");
        }
        char c = in.charAt(pos++);
        switch (c) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\' -> sb.append('\\');
            case 'x' -> sb.append((char) radix(2, 16, start));
            case 'u' -> sb.appendCodePoint(radix(4, 16, start));
            case 'U' -> sb.appendCodePoint(radix(8, 16, start));
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                pos--;
                sb.append((char) radix(3, 8, start));
            }
            default -> {
                if (c != quote) {
                    throw new ParseException(in, pos - 2, "unknown escape sequence '\\" + c + "'");
                }
                sb.append(c);
            }
        }
    }

    private int radix(int digits, int radix, int start) {
        if (pos + digits > in.length()) {
            throw new ParseException(in, start, "escape sequence not terminated");
        }
        for (int i = pos; i < pos + digits; i++) {
            // Integer.parseInt also takes a sign and non-ASCII digits, which Go's lexer does not.
            char d = in.charAt(i);
            if (d >= 0x80 || Character.digit(d, radix) < 0) {
                throw new ParseException(in, pos, "invalid character in escape sequence");
            }
        }
        long v = Long.parseLong(in.substring(pos, pos + digits), radix);
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            throw new ParseException(in, pos, "escape sequence is an invalid Unicode code point");
        }
        pos += digits;
        return (int) v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isDurationUnit(char c) {
        return c == 's' || c == 'm' || c == 'h' || c == 'd' || c == 'w' || c == 'y';
    }
}
