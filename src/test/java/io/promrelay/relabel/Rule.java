package io.promrelay.relabel;

import io.promrelay.config.RelabelConfig;
import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import java.util.Arrays;
import java.util.List;

/** Test shorthand for one relabel rule; unset fields stay null so the Relabeler applies its defaults. */
final class Rule {
    private List<String> sources;
    private String separator;
    private String regex;
    private long modulus;
    private String target;
    private String replacement;
    private final Action action;

    private Rule(Action action) {
        this.action = action;
    }

    static Rule of(Action action) {
        return new Rule(action);
    }

    Rule sources(String... names) {
        sources = Arrays.asList(names);
        return this;
    }

    Rule separator(String s) {
        separator = s;
        return this;
    }

    Rule regex(String r) {
        regex = r;
        return this;
    }

    Rule modulus(long m) {
        modulus = m;
        return this;
    }

    Rule target(String t) {
        target = t;
        return this;
    }

    Rule replacement(String r) {
        replacement = r;
        return this;
    }

    RelabelConfig config() {
        return new RelabelConfig(sources, separator, regex, modulus, target, replacement, action);
    }

    /** Compiles the rules and runs them over the labels; null when dropped. */
    static Labels apply(Labels in, Rule... rules) {
        return Relabeler.compile(Arrays.stream(rules).map(Rule::config).toList()).process(in);
    }
}
