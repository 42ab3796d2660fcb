package io.promrelay.textparse;

/** Malformed exposition input; the message names the line and what is wrong with it. */
public final class ParseException extends Exception {
    private final int line;

    public ParseException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
