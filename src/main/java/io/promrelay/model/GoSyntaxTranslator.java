package io.promrelay.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Prepares a Prometheus regex for RE2/J. RE2/J is a port of Go's RE2 and parses the same syntax with the same
 * errors, but it follows an older Go than the one Prometheus 2.42 was built with (Go 1.19), so this class makes up
 * the differences, reading the text with Go's tokens (escapes, {@code \Q..\E}, classes, groups, repeats):
 * <ul>
 *   <li>Go 1.19 refuses every {@code (?<}, RE2/J reads {@code (?<name>} as a named group;</li>
 *   <li>Go allows two groups with one name, RE2/J refuses them: valid names are taken out of the text (a named
 *       group becomes a plain one) and returned by group number;</li>
 *   <li>Go refuses expressions that nest deeper than 1000, that repeat more than 1000 copies of something through
 *       nested {@code {n,m}}, or whose program would exceed 128 MiB; RE2/J has no such limits and overflows its
 *       stack or the heap on them, so they are checked here, on Go's size and height arithmetic.</li>
 * </ul>
 * A construct Go refuses is not reported here but replaced by a marker RE2/J refuses at the same place, so an
 * earlier error in the text still comes first, as it does in Go; {@link Translation#goError} turns RE2/J's error
 * back into Go's, against the text as written.
 */
final class GoSyntaxTranslator {
    /** Go's regexp/syntax limits (parse.go): tree height, and program size in instructions (128 MiB / 40 bytes). */
    private static final int MAX_HEIGHT = 1000;
    private static final long MAX_SIZE = (128L << 20) / 40;
    private static final int MAX_REPEAT = 1000;
    /**
     * RE2/J refuses {@code (?} followed by an unpaired surrogate as unsupported Perl syntax, right where it stands.
     * Text from HTTP or YAML cannot hold one, so the marker is never mistaken for the user's own text.
     */
    private static final String MARKER = "(?\uDFFF";
    private static final String PREFIX = "^(?:";
    private static final String SUFFIX = ")$";

    /**
     * The anchored text for RE2/J, Go's name of each capturing group ("" for none), and what Go would say about
     * the markers in it, first marker first.
     */
    record Translation(String original, String re2jText, List<String> groupNames, List<String> markerErrors,
                       int[] offsetPairs, String requiredPrefix) {
        /**
         * Go's message for the error RE2/J reported: a marker becomes the error it stands for, and text RE2/J
         * quotes up to the end of the expression is quoted from the expression as written.
         */
        String goError(String re2jProblem, String re2jQuote) {
            if (re2jQuote.equals(MARKER) && !markerErrors.isEmpty()) {
                return markerErrors.get(0);
            }
            String wrapped = PREFIX + original + SUFFIX;
            if (re2jQuote.equals("stack underflow")) {
                // RE2/J's name for a ')' with no group to close, from before Go named it.
                return message("unexpected )", wrapped);
            }
            String quote = re2jQuote;
            if (re2jText.endsWith(re2jQuote)) {
                quote = wrapped.substring(originalOffset(re2jText.length() - re2jQuote.length()));
            }
            return message(re2jProblem, quote);
        }

        /** Where a position of the RE2/J text lies in the wrapped text as written. */
        private int originalOffset(int re2jOffset) {
            int re2j = 0;
            int written = 0;
            for (int i = 0; i < offsetPairs.length && offsetPairs[i] <= re2jOffset; i += 2) {
                re2j = offsetPairs[i];
                written = offsetPairs[i + 1];
            }
            return written + re2jOffset - re2j;
        }
    }

    static String message(String problem, String quote) {
        return "error parsing regexp: " + problem + ": `" + quote + "`";
    }

    /** What Go's parser knows of a finished piece of the tree, enough for its limits. */
    private record Node(long size, int height, int repeatProduct, boolean literal) {
        static final Node CHAR = new Node(1, 1, 1, true);
        static final Node OTHER = new Node(1, 1, 1, false);
    }

    /** An open group (or the whole expression): its finished alternatives and the branch being read. */
    private static final class Frame {
        final boolean capture;
        long size;
        int alternatives;
        int doneHeight;
        int branchHeight;
        int branchNodes;
        int repeatProduct = 1;
        /** {@link #repeatProduct} without the last node, which a repetition replaces. */
        int productBeforeLast = 1;
        Node last;
        /** Characters in the literal run that ends with {@link #last}. */
        int literalRun;
        /** The last thing read was a repetition; another one is Go's "invalid nested repetition operator". */
        boolean lastWasRepeat;

        Frame(boolean capture) {
            this.capture = capture;
        }

        void add(Node node) {
            // Go merges adjacent characters into one literal node.
            literalRun = node.literal() ? literalRun + 1 : 0;
            if (literalRun <= 1) {
                branchNodes++;
            }
            lastWasRepeat = false;
            size += node.size();
            branchHeight = Math.max(branchHeight, node.height());
            productBeforeLast = repeatProduct;
            repeatProduct = Math.max(repeatProduct, node.repeatProduct());
            last = node;
        }

        void replaceLast(Node repeated) {
            if (literalRun > 1) {
                branchNodes++; // Go splits the repeated character off the literal run before it.
            }
            literalRun = 0;
            lastWasRepeat = true;
            size += repeated.size() - last.size();
            branchHeight = Math.max(branchHeight, repeated.height());
            repeatProduct = Math.max(productBeforeLast, repeated.repeatProduct());
            last = repeated;
        }

        void alternate() {
            doneHeight = Math.max(doneHeight, branchTreeHeight());
            alternatives++;
            size++;
            branchHeight = 0;
            branchNodes = 0;
            literalRun = 0;
            lastWasRepeat = false;
            last = null;
        }

        private int branchTreeHeight() {
            return branchNodes > 1 ? branchHeight + 1 : Math.max(branchHeight, 1);
        }

        Node close() {
            int height = alternatives > 0 ? Math.max(doneHeight, branchTreeHeight()) + 1 : branchTreeHeight();
            return capture ? new Node(size + 2, height + 1, repeatProduct, false)
                : new Node(size, height, repeatProduct, false);
        }
    }

    private final String src;
    private final StringBuilder out;
    private final List<String> groupNames = new ArrayList<>();
    private final List<String> markerErrors = new ArrayList<>();
    private final List<Integer> offsetPairs = new ArrayList<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** The literal text every match starts with, while it is still being read. */
    private final StringBuilder prefix = new StringBuilder();
    private boolean prefixOpen = true;
    /** Nodes read so far, and how many there were when the prefix last grew: a repetition takes the last node. */
    private int nodesRead;
    private int nodesAtPrefixEnd = -1;
    /** An alternative at the top level (or the wrapper closed early) means no prefix is required. */
    private boolean topLevelAlternatives;
    /** Once a limit is exceeded the rest is copied as is: RE2/J stops at the marker anyway. */
    private boolean limitMarked;
    private int pos;

    private GoSyntaxTranslator(String src) {
        this.src = src;
        this.out = new StringBuilder(src.length() + PREFIX.length() + SUFFIX.length());
    }

    static Translation translate(String goRegex) {
        GoSyntaxTranslator t = new GoSyntaxTranslator(goRegex);
        t.out.append(PREFIX);
        t.frames.push(new Frame(false));
        t.frames.push(new Frame(false));
        t.run();
        t.out.append(SUFFIX);
        int[] pairs = t.offsetPairs.stream().mapToInt(Integer::intValue).toArray();
        String required = t.topLevelAlternatives ? "" : t.prefix.toString();
        return new Translation(goRegex, t.out.toString(), List.copyOf(t.groupNames), List.copyOf(t.markerErrors),
                pairs, required);
    }

    private void run() {
        while (pos < src.length() && !limitMarked) {
            int start = pos;
            char c = src.charAt(pos);
            if (c == '|' && frames.size() <= 2) {
                topLevelAlternatives = true;
            }
            if (c != '*' && c != '+' && c != '?' && c != '{') {
                endPrefixUnless(isPlainCharacter(c) && frames.size() == 2);
            }
            switch (c) {
                case '(' -> openGroup();
                case ')' -> closeGroup(start);
                case '|' -> {
                    copy(1);
                    frame().alternate();
                }
                case '*', '+', '?' -> {
                    endPrefixBeforeRepeat();
                    copy(charAt(pos + 1) == '?' ? 2 : 1);
                    repeat(start, 1, c == '*' ? 2 : 1, 1);
                }
                case '{' -> braces(start);
                case '[' -> {
                    copy(classLength());
                    atom(start, Node.OTHER);
                }
                case '\\' -> escape(start);
                case '.', '^', '$' -> {
                    copy(1);
                    atom(start, Node.OTHER);
                }
                default -> {
                    copy(Character.charCount(src.codePointAt(pos)));
                    atom(start, Node.CHAR);
                    if (prefixOpen) {
                        prefix.append(src, start, pos);
                        nodesAtPrefixEnd = nodesRead;
                    }
                }
            }
        }
        out.append(src, pos, src.length());
        if (!limitMarked && frames.size() == 2) {
            Node whole = frames.peek().close();
            // The anchors make the expression a concatenation one level above the regex itself.
            checkLimits(src.length(), Math.max(whole.height(), 1) + 1, 2);
        }
    }

    private static boolean isPlainCharacter(char c) {
        return "()|*+?{[\\.^$".indexOf(c) < 0;
    }

    private void endPrefixUnless(boolean plainCharacterNext) {
        prefixOpen &= plainCharacterNext;
    }

    /**
     * A repetition of the prefix's last character (directly, or across empty text such as {@code (?i)} or
     * {@code \Q\E}) makes that character optional.
     */
    private void endPrefixBeforeRepeat() {
        if (nodesRead == nodesAtPrefixEnd && !prefix.isEmpty()) {
            prefix.setLength(prefix.length() - Character.charCount(prefix.codePointBefore(prefix.length())));
            nodesAtPrefixEnd = -1;
        }
        prefixOpen = false;
    }

    private char charAt(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void copy(int length) {
        int end = Math.min(src.length(), pos + length);
        out.append(src, pos, end);
        pos = end;
    }

    private Frame frame() {
        return frames.peek();
    }

    private void atom(int start, Node node) {
        nodesRead++;
        if (checkLimits(start, node.height(), node.size())) {
            frame().add(node);
        }
    }

    private void openGroup() {
        if (src.startsWith("(?P<", pos)) {
            int end = src.indexOf('>', pos);
            String name = end < 0 ? "" : src.substring(pos + 4, end);
            if (isValidName(name)) {
                out.append('(');
                pos = end + 1;
                offsetPairs.add(out.length());
                offsetPairs.add(PREFIX.length() + pos);
                pushGroup(true, name);
                return;
            }
            // Go's token for the error RE2/J reports runs to the '>' (or to the end without one).
            copy(end < 0 ? src.length() - pos : end + 1 - pos);
        } else if (src.startsWith("(?<", pos)) {
            markNamedGroupSyntax();
            pushGroup(false, null);
        } else if (charAt(pos + 1) == '?') {
            flags();
        } else {
            copy(1);
            pushGroup(true, "");
        }
    }

    /** {@code (?flags)} sets flags, {@code (?flags:} opens a group; Go's errors for bad flags come from RE2/J. */
    private void flags() {
        int end = pos + 2;
        while (end < src.length() && src.charAt(end) != ')' && src.charAt(end) != ':') {
            end++;
        }
        boolean opensGroup = charAt(end) == ':';
        copy(end + 1 - pos);
        if (opensGroup) {
            pushGroup(false, null);
        }
    }

    private void pushGroup(boolean capture, String name) {
        if (capture) {
            groupNames.add(name);
        }
        frames.push(new Frame(capture));
    }

    /** A ')' past the regex's own groups closes the anchoring wrapper early, as in Go; one more is RE2/J's error. */
    private void closeGroup(int start) {
        if (frames.size() == 2) {
            topLevelAlternatives = true;
        }
        if (frames.size() == 1) {
            copy(1);
            return;
        }
        nodesRead++;
        Frame closing = frames.peek();
        Node group = closing.close();
        if (checkLimits(start, group.height(), group.size() - closing.size)) {
            frames.pop();
            copy(1);
            frame().add(group);
        }
    }

    /** {n}, {n,} and {n,m} repeat as Go's parseRepeat reads them; any other brace is a literal. */
    private void braces(int start) {
        int close = src.indexOf('}', pos);
        int[] bounds = close < 0 ? null : repeatBounds(src.substring(pos + 1, close));
        if (bounds == null) {
            prefixOpen = false;
            copy(1);
            atom(start, Node.CHAR);
            return;
        }
        endPrefixBeforeRepeat();
        int end = close + 1 + (charAt(close + 1) == '?' ? 1 : 0);
        String operator = src.substring(start, end);
        int min = bounds[0];
        int max = bounds[1];
        Frame f = frame();
        if (min > MAX_REPEAT || max > MAX_REPEAT || f.last == null || f.lastWasRepeat) {
            copy(end - pos); // RE2/J refuses it with Go's message.
            return;
        }
        // Go's repeatIsValid: nested {n,m} may not make more than 1000 copies; {0} ends the count.
        int factor = max == 0 ? 0 : Math.max(max == -1 ? min : max, 1);
        if ((min >= 2 || max >= 2) && (long) factor * f.last.repeatProduct() > MAX_REPEAT) {
            markBefore(start, message("invalid repeat count", operator));
            return;
        }
        copy(end - pos);
        if (max == -1) {
            repeat(start, min == 0 ? 1 : min, min == 0 ? 2 : 1, factor);
        } else {
            repeat(start, max, max - min, factor);
        }
    }

    /** {min, max} with max -1 for no upper bound, or null when the text is no repeat in Go. */
    private static int[] repeatBounds(String body) {
        int comma = body.indexOf(',');
        String min = comma < 0 ? body : body.substring(0, comma);
        String max = comma < 0 ? min : body.substring(comma + 1);
        if (!isCount(min) || !(isCount(max) || (comma >= 0 && max.isEmpty()))) {
            return null;
        }
        return new int[] {count(min), max.isEmpty() ? -1 : count(max)};
    }

    /** Digits without a leading zero, as Go's parseInt wants; past the limit only matters as "too many". */
    private static boolean isCount(String digits) {
        return !digits.isEmpty() && digits.chars().allMatch(d -> d >= '0' && d <= '9')
            && (digits.length() == 1 || digits.charAt(0) != '0');
    }

    private static int count(String digits) {
        return digits.length() > 4 ? MAX_REPEAT + 1 : Integer.parseInt(digits);
    }

    /**
     * A repetition of the last node, sized as Go sizes it: {@code copies} of it and {@code extra} instructions
     * ({@code x*} 1 and 2, {@code x+} and {@code x?} 1 and 1, {@code x{n,m}} m and m-n, {@code x{n,}} n and 1);
     * {@code productFactor} multiplies the nested repeat count, 0 resets it ({@code x{0}}).
     */
    private void repeat(int start, long copies, long extra, int productFactor) {
        Frame f = frame();
        Node last = f.last;
        if (last == null || f.lastWasRepeat) {
            return; // RE2/J refuses it with Go's message.
        }
        int product = productFactor == 0 ? 1 : productFactor * last.repeatProduct();
        Node repeated = new Node(copies * last.size() + extra, last.height() + 1, product, false);
        if (checkLimits(start, repeated.height(), repeated.size() - last.size())) {
            f.replaceLast(repeated);
        }
    }

    /** Go checks every node as it is built; the whole expression's size counts, not only this node's. */
    private boolean checkLimits(int start, int height, long addedSize) {
        if (limitMarked) {
            return false;
        }
        long total = addedSize;
        for (Frame f : frames) {
            total += f.size;
        }
        if (height > MAX_HEIGHT) {
            markBefore(start, message("expression nests too deeply", PREFIX + src + SUFFIX));
            return false;
        }
        if (total > MAX_SIZE) {
            // Go 1.19 reports the size limit, a late security fix, as an internal error.
            markBefore(start, message("regexp/syntax: internal error", PREFIX + src + SUFFIX));
            return false;
        }
        return true;
    }

    /** Stands for the {@code (?<} at {@code pos}: the marker has the same length, so positions keep matching. */
    private void markNamedGroupSyntax() {
        markerErrors.add(message("invalid or unsupported Perl syntax", "(?<"));
        out.append(MARKER);
        pos += 3;
    }

    /** Puts a marker before the node that broke a limit, whose text is already copied. */
    private void markBefore(int start, String goError) {
        markerErrors.add(goError);
        int at = out.length() - (pos - start);
        out.insert(at, MARKER);
        offsetPairs.add(at + MARKER.length());
        offsetPairs.add(PREFIX.length() + start);
        limitMarked = true;
    }

    /** The length of the class at {@code pos}: Go's parseClass, which also reads {@code []a]} and {@code [:alpha:]}. */
    private int classLength() {
        int i = pos + 1;
        if (charAt(i) == '^') {
            i++;
        }
        boolean first = true;
        while (i < src.length() && (src.charAt(i) != ']' || first)) {
            first = false;
            if (src.startsWith("[:", i) && src.indexOf(":]", i + 2) >= 0) {
                i = src.indexOf(":]", i + 2) + 2;
            } else if (src.charAt(i) == '\\') {
                i += escapeLength(i);
            } else {
                i++;
            }
        }
        return Math.min(src.length(), i + 1) - pos;
    }

    private void escape(int start) {
        if (charAt(pos + 1) == 'Q') {
            quoted();
            return;
        }
        copy(escapeLength(pos));
        atom(start, Node.OTHER);
    }

    /** {@code \Q...\E}: each character a literal; without {@code \E} it runs to the end. */
    private void quoted() {
        int end = src.indexOf("\\E", pos + 2);
        int textEnd = end < 0 ? src.length() : end;
        copy(2);
        while (pos < textEnd && !limitMarked) {
            int charStart = pos;
            copy(Character.charCount(src.codePointAt(pos)));
            atom(charStart, Node.CHAR);
        }
        if (end >= 0 && !limitMarked) {
            copy(2);
        }
    }

    /**
     * The length of the escape at {@code i}: octal up to three digits, {@code \x} two hex digits or braces,
     * {@code \p} one letter or braces, anything else one character.
     */
    private int escapeLength(int i) {
        char c = charAt(i + 1);
        int end = i + 2;
        if (c >= '0' && c <= '7') {
            while (end < i + 4 && charAt(end) >= '0' && charAt(end) <= '7') {
                end++;
            }
        } else if ((c == 'x' || c == 'p' || c == 'P') && charAt(i + 2) == '{') {
            int close = src.indexOf('}', i + 2);
            end = close < 0 ? src.length() : close + 1;
        } else if (c == 'x') {
            end = i + 4;
        } else if (c == 'p' || c == 'P') {
            end = i + 3;
        } else if (i + 1 < src.length()) {
            end = i + 1 + Character.charCount(src.codePointAt(i + 1));
        }
        return Math.min(end, src.length()) - i;
    }

    private static boolean isValidName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '_');
    }
}
