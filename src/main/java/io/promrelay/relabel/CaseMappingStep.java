package io.promrelay.relabel;

import io.promrelay.model.Labels;

/**
 * {@code lowercase} and {@code uppercase}: sets the target label to the joined source values with
 * each code point mapped on its own, as Go's {@code strings.ToLower/ToUpper} do. Java's
 * {@code String.toUpperCase} would differ ("ß" becomes "SS", a final "Σ" becomes "ς").
 */
record CaseMappingStep(SourceValues source, String targetLabel, boolean upper) implements RelabelStep {
    @Override
    public boolean apply(Labels.Builder labels) {
        BuilderLabels.set(labels, targetLabel, map(source.join(labels)));
        return true;
    }

    private String map(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int mapped = upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp);
            if (mapped != cp && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.appendCodePoint(mapped);
            }
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }
}
