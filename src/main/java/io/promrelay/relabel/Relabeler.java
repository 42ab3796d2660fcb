package io.promrelay.relabel;

import io.promrelay.config.RelabelConfig;
import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.GoRegex;
import io.promrelay.model.Labels;
import io.promrelay.model.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A list of {@code relabel_configs} compiled once (each regex anchored and parsed with Go's RE2
 * meaning) and applied in order with Prometheus's semantics. Immutable and thread-safe.
 */
public final class Relabeler {
    private static final Relabeler EMPTY = new Relabeler(List.of());

    private static final String DEFAULT_SEPARATOR = ";";
    private static final String DEFAULT_REGEX = "(.*)";
    private static final String DEFAULT_REPLACEMENT = "$1";

    private final List<RelabelStep> steps;

    private Relabeler(List<RelabelStep> steps) {
        this.steps = steps;
    }

    /**
     * Compiles the rules; a null field takes Prometheus's default (separator ";", regex "(.*)",
     * replacement "$1", action replace), while an explicit "" is kept as given.
     *
     * @throws IllegalArgumentException naming the rule and the problem: a regex RE2 would reject,
     *                                  a missing or invalid target label, a hashmod modulus of 0
     */
    public static Relabeler compile(List<RelabelConfig> configs) {
        if (configs == null || configs.isEmpty()) {
            return EMPTY;
        }
        List<RelabelStep> steps = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            try {
                steps.add(compileStep(Objects.requireNonNull(configs.get(i), "rule is null")));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("relabel config #" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Relabeler(List.copyOf(steps));
    }

    private static RelabelStep compileStep(RelabelConfig c) {
        Action action = c.action() == null ? Action.REPLACE : c.action();
        SourceValues source = new SourceValues(c.sourceLabels() == null ? List.of() : c.sourceLabels(),
            orDefault(c.separator(), DEFAULT_SEPARATOR));
        String regexText = orDefault(c.regex(), DEFAULT_REGEX);
        String replacementText = orDefault(c.replacement(), DEFAULT_REPLACEMENT);
        String target = c.targetLabel();
        return switch (action) {
            case REPLACE -> {
                GoRegex regex = GoRegex.compileAnchored(regexText);
                requireTarget(action, target, true);
                yield new ReplaceStep(source, regex, ExpansionTemplate.parse(target, regex.groupNames()),
                    ExpansionTemplate.parse(replacementText, regex.groupNames()));
            }
            case KEEP, DROP -> new MatchFilterStep(source, GoRegex.compileAnchored(regexText), action == Action.KEEP);
            case KEEPEQUAL, DROPEQUAL -> new EqualityFilterStep(source, requireTarget(action, target, false),
                action == Action.KEEPEQUAL);
            case HASHMOD -> {
                if (c.modulus() == 0) {
                    throw new IllegalArgumentException("hashmod requires a non-zero modulus");
                }
                yield new HashmodStep(source, requireTarget(action, target, false), c.modulus());
            }
            case LOWERCASE, UPPERCASE -> new CaseMappingStep(source, requireTarget(action, target, false),
                action == Action.UPPERCASE);
            case LABELMAP -> {
                GoRegex regex = GoRegex.compileAnchored(regexText);
                yield new LabelMapStep(regex, ExpansionTemplate.parse(replacementText, regex.groupNames()));
            }
            case LABELKEEP, LABELDROP -> new LabelNameFilterStep(GoRegex.compileAnchored(regexText),
                action == Action.LABELKEEP);
        };
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** A target with a {@code $} template is only checked once expanded, per set, as Prometheus does. */
    private static String requireTarget(Action action, String target, boolean mayBeTemplate) {
        String actionName = action.name().toLowerCase(Locale.ROOT);
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException(actionName + " requires a target_label");
        }
        boolean template = mayBeTemplate && target.contains("$");
        if (!template && !MetricNames.isValidLabelName(target)) {
            throw new IllegalArgumentException("\"" + target + "\" is an invalid target_label for " + actionName);
        }
        return target;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** @return the relabeled set, the same instance when there are no rules, or null when a rule dropped it */
    public Labels process(Labels in) {
        if (steps.isEmpty()) {
            return in;
        }
        Labels.Builder b = in.toBuilder();
        return process(b) ? b.build() : null;
    }

    /**
     * Relabels in place, for callers that already hold a builder (the scrape loop reuses one).
     *
     * @return false when a rule dropped the set; the builder's contents are then unspecified
     */
    public boolean process(Labels.Builder labels) {
        for (RelabelStep step : steps) {
            if (!step.apply(labels)) {
                return false;
            }
        }
        return true;
    }
}
