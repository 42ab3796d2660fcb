package io.promrelay.promql;

/**
 * A query that is not valid PromQL. The message reads as Prometheus's does,
 * {@code 1:5: parse error: unexpected "}"}, with a 1-based line and column.
 */
public final class ParseException extends IllegalArgumentException {
    private final int line;
    private final int column;
    private final String problem;

    ParseException(String input, int offset, String problem) {
        this(lineOf(input, offset), columnOf(input, offset), problem);
    }

    private ParseException(int line, int column, String problem) {
        super(line + ":" + column + ": parse error: " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The problem without the position. */
    public String problem() {
        return problem;
    }

    private static int lineOf(String input, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, input.length()); i++) {
            if (input.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String input, int offset) {
        int lineStart = input.lastIndexOf('\n', Math.min(offset, input.length()) - 1) + 1;
        return offset - lineStart + 1;
    }
}
