package io.promrelay.relabel;

import io.promrelay.model.Labels;

/** One compiled {@code relabel_config}. */
sealed interface RelabelStep
        permits ReplaceStep, MatchFilterStep, EqualityFilterStep, HashmodStep, CaseMappingStep, LabelMapStep,
        LabelNameFilterStep {
    /** Applies the rule to the labels in place; false when the rule drops the whole set. */
    boolean apply(Labels.Builder labels);
}
