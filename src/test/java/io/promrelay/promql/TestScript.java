package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.StaleNaN;
import io.promrelay.config.PrometheusDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prometheus's PromQL test-script format: {@code load <interval>} followed by series lines such as
 * {@code metric{l="v"} 0+10x100 1 _ stale}, {@code eval instant at <time> <expr>} (also
 * {@code eval_fail}, {@code eval_ordered}, and {@code eval range from <t> to <t> step <d> <expr>})
 * followed by expected results, and {@code clear}. Comments start with '#'.
 */
final class TestScript {
    sealed interface Command {
    }

    record Load(long intervalMillis, List<SeriesLine> series) implements Command {
    }

    record Clear() implements Command {
    }

    /** An evaluation: instant when start == end and step == 0. */
    record Eval(String source, int line, String expr, long start, long end, long step, boolean fail, boolean ordered,
                List<Expected> expected) implements Command {
        boolean instant() {
            return step == 0;
        }

        @Override
        public String toString() {
            return source + ":" + line + ": " + expr;
        }
    }

    /** An expected result line: labels (null for a scalar) and values (one for an instant query); null = omitted. */
    record Expected(Labels labels, List<Double> values) {
    }

    record SeriesLine(Labels labels, List<Double> values) {
    }

    /** A number of the series notation: no hex, since "0x10" means ten zeros. */
    private static final String NUM = "[+-]?(?:[iI][nN][fF]|[nN][aA][nN]|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)";
    private static final Pattern ITEM = Pattern.compile("(" + NUM + ")(?:([+-](?:[iI][nN][fF]|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?))?x([0-9]+))?");
    private static final Pattern BLANKS = Pattern.compile("_(?:x([0-9]+))?");
    private static final Pattern EVAL = Pattern.compile(
            "(eval(?:_fail|_ordered)?)\\s+instant\\s+at\\s+(\\S+)\\s+(.+)");
    private static final Pattern EVAL_RANGE = Pattern.compile(
            "(eval(?:_fail)?)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)");

    private TestScript() {
    }

    static List<Command> parse(String source, String text) {
        List<Command> commands = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            i++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i;
            if (line.equals("clear")) {
                commands.add(new Clear());
            } else if (line.startsWith("load ")) {
                long interval = duration(line.substring(5).strip());
                List<SeriesLine> series = new ArrayList<>();
                while (i < lines.length && isIndented(lines[i])) {
                    Expected e = expectedLine(lines[i++].strip());
                    series.add(new SeriesLine(e.labels(), e.values()));
                }
                commands.add(new Load(interval, series));
            } else if (line.startsWith("eval")) {
                List<Expected> expected = new ArrayList<>();
                while (i < lines.length && isIndented(lines[i])) {
                    expected.add(expectedLine(lines[i++].strip()));
                }
                commands.add(eval(source, lineNo, line, expected));
            } else {
                throw new IllegalArgumentException(source + ":" + lineNo + ": unknown command: " + line);
            }
        }
        return commands;
    }

    private static boolean isIndented(String line) {
        return !line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !line.isBlank() && !line.strip().startsWith("#");
    }

    private static Eval eval(String source, int lineNo, String line, List<Expected> expected) {
        java.util.regex.Matcher m = EVAL.matcher(line);
        if (m.matches()) {
            long t = time(m.group(2));
            return new Eval(source, lineNo, m.group(3), t, t, 0, m.group(1).equals("eval_fail"),
                    m.group(1).equals("eval_ordered"), expected);
        }
        m = EVAL_RANGE.matcher(line);
        if (m.matches()) {
            return new Eval(source, lineNo, m.group(5), time(m.group(2)), time(m.group(3)), duration(m.group(4)),
                    m.group(1).equals("eval_fail"), false, expected);
        }
        throw new IllegalArgumentException(source + ":" + lineNo + ": malformed eval: " + line);
    }

    private static long time(String s) {
        return s.chars().allMatch(Character::isDigit) ? Long.parseLong(s) * 1000 : duration(s);
    }

    private static long duration(String s) {
        return PrometheusDuration.parse(s).toMillis();
    }

    /** A series line {@code name{labels} values...}, or a bare scalar value. */
    private static Expected expectedLine(String line) {
        int split = seriesEnd(line);
        String head = line.substring(0, split);
        String rest = line.substring(split).strip();
        if (!head.isEmpty() && ITEM.matcher(head).matches() && rest.isEmpty()) {
            return new Expected(null, values(head));
        }
        return new Expected(labels(head), values(rest));
    }

    private static int seriesEnd(String line) {
        int brace = line.indexOf('{');
        int space = indexOfWhitespace(line);
        if (brace < 0 || (space >= 0 && space < brace)) {
            return space < 0 ? line.length() : space;
        }
        boolean quoted = false;
        for (int i = brace; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed '{' in " + line);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The label set of a series written as {@code name{a="b"}} or {@code {a="b"}}. */
    static Labels labels(String series) {
        if (series.equals("{}")) {
            return Labels.EMPTY;
        }
        Labels.Builder b = new Labels.Builder();
        for (Matcher m : Parser.parseSelector(series).matchers()) {
            b.set(m.name(), m.value());
        }
        return b.build();
    }

    static List<Double> values(String text) {
        List<Double> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String item : text.split("\\s+")) {
            java.util.regex.Matcher blanks = BLANKS.matcher(item);
            if (blanks.matches()) {
                int n = blanks.group(1) == null ? 1 : Integer.parseInt(blanks.group(1));
                for (int k = 0; k < n; k++) {
                    out.add(null);
                }
                continue;
            }
            if (item.equals("stale")) {
                out.add(StaleNaN.VALUE);
                continue;
            }
            java.util.regex.Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad series value: " + item);
            }
            double v = signed(m.group(1));
            if (m.group(3) == null) {
                out.add(v);
                continue;
            }
            double delta = m.group(2) == null ? 0 : signed(m.group(2));
            long times = Long.parseLong(m.group(3));
            for (long k = 0; k <= times; k++) {
                out.add(v);
                v += delta;
            }
        }
        return out;
    }

    /** A number with an optional sign, which PromQL's number syntax itself does not include. */
    private static double signed(String s) {
        boolean sign = s.startsWith("-") || s.startsWith("+");
        double v = NumberSyntax.parse(sign ? s.substring(1) : s);
        return s.startsWith("-") ? -v : v;
    }
}
