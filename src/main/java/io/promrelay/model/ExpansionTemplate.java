package io.promrelay.model;

import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Matcher;
import java.util.stream.IntStream;

/**
 * A replacement or target template with Go's {@code Regexp.Expand} rules, parsed once per
 * regex. Java's {@code appendReplacement} reads the same text differently, so it is not used:
 * <ul>
 *   <li>{@code $name} takes the longest run of letters, digits and underscores, so {@code $1x}
 *       names a group "1x" (usually absent, giving ""), and {@code $10} is group ten;</li>
 *   <li>{@code ${name}} delimits the name; a purely numeric name is a group number unless it
 *       has a leading zero ({@code $01} names a group "01");</li>
 *   <li>{@code $$} is a literal dollar; a {@code $} not followed by a valid name is kept as is;</li>
 *   <li>a missing or non-participating group, or an unknown name, expands to "".</li>
 * </ul>
 */
public final class ExpansionTemplate {
    /** Go treats a numeric name at or past this size as a (never present) group name. */
    private static final int MAX_GROUP_NUMBER = 100_000_000;

    private sealed interface Part permits Literal, GroupRef {
    }

    private record Literal(String text) implements Part {
    }

    /** The groups that may supply the text: for a name, every group so named, the first matched one wins. */
    private record GroupRef(int[] candidates) implements Part {
    }

    private final String source;
    private final List<Part> parts;
    /** The whole output when the template references no group, so expanding costs nothing. */
    private final String constant;

    private ExpansionTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
        this.constant = parts.stream().allMatch(p -> p instanceof Literal) ? concatLiterals(parts) : null;
    }

    public static ExpansionTemplate parse(String template, List<String> groupNames) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
                continue;
            }
            Reference ref = Reference.read(template, i + 1);
            if (ref == null) {
                literal.append('$');
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(new GroupRef(ref.candidates(groupNames)));
            i = ref.end();
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new ExpansionTemplate(template, List.copyOf(parts));
    }

    public String expand(Matcher match) {
        if (constant != null) {
            return constant;
        }
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                sb.append(l.text());
            } else if (part instanceof GroupRef g) {
                appendFirstMatched(sb, match, g.candidates());
            }
        }
        return sb.toString();
    }

    private static void appendFirstMatched(StringBuilder sb, Matcher match, int[] groups) {
        for (int group : groups) {
            if (group <= match.groupCount() && match.start(group) >= 0) {
                sb.append(match.group(group));
                return;
            }
        }
    }

    private static String concatLiterals(List<Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(((Literal) p).text());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    /** A {@code name} or {@code {name}} after a dollar sign, ending before {@code end}. */
    private record Reference(String name, int end) {
        static Reference read(String template, int start) {
            boolean braced = start < template.length() && template.charAt(start) == '{';
            int i = braced ? start + 1 : start;
            int nameStart = i;
            while (i < template.length()) {
                int cp = template.codePointAt(i);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                i += Character.charCount(cp);
            }
            if (i == nameStart) {
                return null;
            }
            String name = template.substring(nameStart, i);
            if (braced) {
                if (i >= template.length() || template.charAt(i) != '}') {
                    return null;
                }
                i++;
            }
            return new Reference(name, i);
        }

        int[] candidates(List<String> groupNames) {
            int number = groupNumber();
            if (number >= 0) {
                return number <= groupNames.size() ? new int[] {number} : new int[0];
            }
            return IntStream.rangeClosed(1, groupNames.size())
                .filter(g -> groupNames.get(g - 1).equals(name))
                .toArray();
        }

        /** Go's rule: ASCII digits only, no leading zero, below 1e8; otherwise -1 (a name). */
        private int groupNumber() {
            int num = 0;
            for (int k = 0; k < name.length(); k++) {
                char d = name.charAt(k);
                if (d < '0' || d > '9' || num >= MAX_GROUP_NUMBER) {
                    return -1;
                }
                num = num * 10 + (d - '0');
            }
            if (name.charAt(0) == '0' && name.length() > 1) {
                return -1;
            }
            return num;
        }
    }
}
